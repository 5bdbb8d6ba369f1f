#include "adapters/channels/http/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <optional>

#include "adapters/channels/http/http_target.hpp"

namespace seminarflow::channels {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto awaitable_tuple = asio::as_tuple(asio::use_awaitable);

std::string failure_text(const boost::system::error_code& error, std::chrono::milliseconds timeout) {
    if (error == beast::error::timeout) {
        return "no answer within " + std::to_string(timeout.count()) + " ms";
    }
    return error.message();
}

// co_spawn hands its result to a handler that wants a default-constructible value.
using MaybeResult = std::optional<HttpResult>;

// No answer, but the next try may get one.
MaybeResult passing(std::string message) { return HttpResult(fail(HttpFailure{false, std::move(message)})); }

http::request<http::string_body> make_request(const HttpTarget& target, const HttpClientOptions& options,
                                              HttpPost& post) {
    http::request<http::string_body> message{http::verb::post, target.target, 11};
    message.set(http::field::host, target.host_header);
    message.set(http::field::user_agent, options.user_agent);
    message.set(http::field::content_type, post.content_type);
    for (const auto& [name, value] : post.headers) message.set(name, value);
    message.keep_alive(false);
    message.body() = std::move(post.body);
    message.prepare_payload();
    return message;
}

HttpAnswer answer_of(const http::response<http::string_body>& response) {
    HttpAnswer answer;
    answer.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        answer.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    answer.body = response.body();
    return answer;
}

}  // namespace

struct HttpClient::Impl : std::enable_shared_from_this<HttpClient::Impl> {
    Impl(asio::io_context& io_context, HttpClientOptions client_options)
        : io(io_context), options(std::move(client_options)) {}

    asio::io_context& io;
    HttpClientOptions options;

    // Reads the answer: its status, headers and the start of its body, even when the body is too long.
    asio::awaitable<MaybeResult> read_answer(beast::tcp_stream& stream) {
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(options.max_response_bytes);
        const auto read = co_await http::async_read(stream, buffer, parser, awaitable_tuple);
        const boost::system::error_code& error = std::get<0>(read);
        if (error && !(error == http::error::body_limit && parser.is_header_done())) {
            co_return passing("reading the answer: " + failure_text(error, options.timeout));
        }
        co_return HttpResult(answer_of(parser.get()));
    }

    // The request comes shared, not by value: GCC 12 mis-destroys some by-value coroutine
    // parameters, and a pointer copy is all this frame needs to own.
    asio::awaitable<MaybeResult> exchange(std::shared_ptr<HttpPost> shared) {
        auto self = shared_from_this();
        HttpPost& post = *shared;
        const auto target = parse_http_url(post.url);
        if (!target) co_return HttpResult(fail(HttpFailure{true, target.error().message}));

        beast::tcp_stream stream(io);
        stream.expires_after(options.timeout);
        tcp::resolver resolver(io);
        const auto resolved = co_await resolver.async_resolve(target->host, target->port, awaitable_tuple);
        const boost::system::error_code& resolve_error = std::get<0>(resolved);
        if (resolve_error) co_return passing("resolving " + target->host + ": " + resolve_error.message());
        const auto connected = co_await stream.async_connect(std::get<1>(resolved), awaitable_tuple);
        const boost::system::error_code& connect_error = std::get<0>(connected);
        if (connect_error) {
            co_return passing("connecting to " + target->host_header + ": " +
                                   failure_text(connect_error, options.timeout));
        }
        auto message = make_request(*target, options, post);
        const auto written = co_await http::async_write(stream, message, awaitable_tuple);
        const boost::system::error_code& write_error = std::get<0>(written);
        if (write_error) co_return passing("sending: " + failure_text(write_error, options.timeout));
        MaybeResult answer = co_await read_answer(stream);
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return answer;
    }
};

HttpClient::HttpClient(asio::io_context& io, HttpClientOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

HttpClient::~HttpClient() = default;

const HttpClientOptions& HttpClient::options() const { return impl_->options; }

void HttpClient::post(HttpPost request, std::function<void(HttpResult)> done) {
    asio::co_spawn(impl_->io, impl_->exchange(std::make_shared<HttpPost>(std::move(request))),
                   [done = std::move(done)](std::exception_ptr error, MaybeResult result) {
                       // Beast's calls answer as values here; an exception is a bug (or memory ran
                       // out): the try counts as failed, to be made again.
                       if (error || !result) result = passing("the HTTP client failed unexpectedly");
                       done(std::move(*result));
                   });
}

}  // namespace seminarflow::channels
