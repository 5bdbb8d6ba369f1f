#include "adapters/channels/http/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <atomic>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "adapters/channels/http/http_target.hpp"
#include "adapters/channels/http/idle_connections.hpp"

namespace seminarflow::channels {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

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

// What one request on one connection came to.
struct Exchanged {
    MaybeResult result;
    bool nothing_came = false;  // it failed before any byte of an answer came, and not by the deadline
    bool reusable = false;      // the answer was read whole, and the receiver keeps the connection open
};

using Request = http::request<http::string_body>;

Request make_request(const HttpTarget& target, const HttpClientOptions& options, HttpPost& post) {
    Request message{http::verb::post, target.target, 11};
    message.set(http::field::host, target.host_header);
    message.set(http::field::user_agent, options.user_agent);
    message.set(http::field::content_type, post.content_type);
    for (const auto& [name, value] : post.headers) message.set(name, value);
    message.keep_alive(options.keep_alive_idle.count() > 0);
    message.body() = std::move(post.body);
    message.prepare_payload();
    return message;
}

// One context for all of a client's connections: the CAs are read once, at start.
asio::ssl::context make_tls_context(const HttpClientOptions& options) {
    asio::ssl::context context(asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    boost::system::error_code error;
    context.set_default_verify_paths(error);
    if (error) throw std::runtime_error("cannot read the system's CA certificates: " + error.message());
    if (!options.ca_file.empty()) {
        context.load_verify_file(options.ca_file, error);
        if (error) {
            throw std::runtime_error("channels.ca_file: cannot read CA certificates from " + options.ca_file + ": " +
                                     error.message());
        }
    }
    context.set_verify_mode(asio::ssl::verify_peer);
    return context;
}

IpAddress ip_of(const asio::ip::address& address) {
    if (address.is_v4()) return IpAddress::from_v4(address.to_v4().to_bytes());
    return IpAddress::from_v6(address.to_v6().to_bytes());
}

// The chain checked by OpenSSL, then the leaf's names against the URL's host (X509_check_host,
// or X509_check_ip for an address); `why` keeps the first reason a certificate was refused, which
// OpenSSL's own error ("certificate verify failed") does not say. Shared: the stream keeps the
// callback as long as it lives.
auto verifier(const std::string& host, std::shared_ptr<std::string> why) {
    return [why, host, check = asio::ssl::host_name_verification(host)](bool preverified,
                                                                         asio::ssl::verify_context& context) {
        if (!preverified) {
            const int error = X509_STORE_CTX_get_error(context.native_handle());
            if (why->empty()) *why = std::string("the certificate is not trusted: ") + X509_verify_cert_error_string(error);
            return false;
        }
        if (!check(preverified, context)) {
            if (why->empty()) *why = "the certificate is not for " + host;
            return false;
        }
        return true;
    };
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
        : io(io_context), options(std::move(client_options)), tls(make_tls_context(options)) {}

    asio::io_context& io;
    HttpClientOptions options;
    asio::ssl::context tls;
    IdleConnections<beast::tcp_stream> kept_plain{options.keep_alive_idle, options.max_idle_per_origin};
    IdleConnections<TlsStream> kept_secure{options.keep_alive_idle, options.max_idle_per_origin};
    std::atomic<bool> sweeping{false};

    // The host's addresses that the policy allows, in the resolver's order. None allowed is final:
    // the same name asked again gives the same answer, and an operator must decide, not a retry.
    asio::awaitable<Result<std::vector<tcp::endpoint>, HttpFailure>> allowed_endpoints(const HttpTarget& target) {
        tcp::resolver resolver(io);
        const auto resolved = co_await resolver.async_resolve(target.host, target.port, awaitable_tuple);
        const boost::system::error_code& error = std::get<0>(resolved);
        if (error) co_return fail(HttpFailure{false, "resolving " + target.host + ": " + error.message()});
        std::vector<tcp::endpoint> allowed;
        RefusalReasons refused;
        for (const auto& entry : std::get<1>(resolved)) {
            const auto why = options.addresses.refusal(ip_of(entry.endpoint().address()));
            if (!why) {
                allowed.push_back(entry.endpoint());
            } else {
                refused.add(*why);
            }
        }
        if (!allowed.empty()) co_return allowed;
        const std::string where = parse_ip(target.host) ? std::string() : " to " + target.host;
        co_return fail(HttpFailure{true, "refusing to connect" + where + ": " + refused.with_remedy()});
    }

    asio::awaitable<std::optional<HttpFailure>> handshake(TlsStream& stream, const HttpTarget& target) {
        // SNI names a host; RFC 6066 has no place for an address.
        // SSL_set_tlsext_host_name, without the macro's C cast.
        if (!parse_ip(target.host) && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                               const_cast<char*>(target.host.c_str())) != 1) {
            co_return HttpFailure{true, "'" + target.host + "' cannot be sent as a TLS server name"};
        }
        auto why = std::make_shared<std::string>();
        stream.set_verify_callback(verifier(target.host, why));
        const auto shaken = co_await stream.async_handshake(asio::ssl::stream_base::client, awaitable_tuple);
        const boost::system::error_code& error = std::get<0>(shaken);
        if (!error) co_return std::nullopt;
        co_return HttpFailure{false, "TLS with " + target.host_header + " failed: " +
                                         (why->empty() ? failure_text(error, options.timeout) : *why)};
    }

    // A new connection to the target: resolved, connected to an allowed address, and over TLS
    // shaken hands with (every step under the try's deadline, but resolving).
    template <class Stream>
    asio::awaitable<Result<std::unique_ptr<Stream>, HttpFailure>> open(const HttpTarget& target,
                                                                       std::chrono::steady_clock::time_point deadline) {
        std::unique_ptr<Stream> stream;
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            stream = std::make_unique<TlsStream>(io, tls);
        } else {
            stream = std::make_unique<beast::tcp_stream>(io);
        }
        beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
        tcp_layer.expires_at(deadline);
        auto endpoints = co_await allowed_endpoints(target);
        if (!endpoints) co_return fail(std::move(endpoints).error());
        const auto connected = co_await tcp_layer.async_connect(*endpoints, awaitable_tuple);
        const boost::system::error_code& connect_error = std::get<0>(connected);
        if (connect_error) {
            co_return fail(HttpFailure{false, "connecting to " + target.host_header + ": " +
                                                  failure_text(connect_error, options.timeout)});
        }
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            if (auto failure = co_await handshake(*stream, target)) co_return fail(std::move(*failure));
        }
        co_return stream;
    }

    // Sends the request and reads the answer: its status, headers and the start of its body, even
    // when the body is too long.
    template <class Stream>
    asio::awaitable<Exchanged> request_on(Stream& stream, const Request& message) {
        const auto written = co_await http::async_write(stream, message, awaitable_tuple);
        const boost::system::error_code& write_error = std::get<0>(written);
        if (write_error) {
            co_return Exchanged{passing("sending: " + failure_text(write_error, options.timeout)),
                                write_error != beast::error::timeout, false};
        }
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(options.max_response_bytes);
        const auto read = co_await http::async_read(stream, buffer, parser, awaitable_tuple);
        const boost::system::error_code& error = std::get<0>(read);
        if (error && !(error == http::error::body_limit && parser.is_header_done())) {
            co_return Exchanged{passing("reading the answer: " + failure_text(error, options.timeout)),
                                !parser.got_some() && error != beast::error::timeout, false};
        }
        // Cut short by the body limit, the rest of the answer is still on the way: not reusable.
        co_return Exchanged{HttpResult(answer_of(parser.get())), false, !error && parser.keep_alive()};
    }

    template <class Stream>
    IdleConnections<Stream>& kept() {
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            return kept_secure;
        } else {
            return kept_plain;
        }
    }

    // Keeps the connection for the next request to its origin, or closes it. TLS's close_notify is
    // not sent or waited for: a receiver slow to send its own would hold the try open for nothing.
    template <class Stream>
    void finish(const std::string& origin, std::unique_ptr<Stream> stream, const Exchanged& exchanged) {
        beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
        if (exchanged.reusable && options.keep_alive_idle.count() > 0) {
            tcp_layer.expires_never();
            kept<Stream>().keep(origin, std::move(stream));
            sweep_while_kept();
            return;
        }
        boost::system::error_code ignored;
        tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    // On a kept connection if there is one, else on a new one; the deadline covers it all. A
    // kept connection that fails before any answer came was closed by the receiver as the request
    // went (its idle timeout and our request crossed): the request is made once more on a new
    // connection. Should the receiver have taken it after all, it gets it twice, as it would
    // after any retry: deliveries are at least once, their webhook-id the same.
    template <class Stream>
    asio::awaitable<MaybeResult> send_over(const HttpTarget& target, HttpPost& post) {
        const auto deadline = std::chrono::steady_clock::now() + options.timeout;
        const Request message = make_request(target, options, post);
        const std::string origin = (target.secure ? "https " : "http ") + target.host + " " + target.port;
        if (std::unique_ptr<Stream> reused = kept<Stream>().take(origin)) {
            beast::get_lowest_layer(*reused).expires_at(deadline);
            Exchanged exchanged = co_await request_on(*reused, message);
            if (!exchanged.nothing_came) {
                finish(origin, std::move(reused), exchanged);
                co_return std::move(exchanged.result);
            }
        }
        auto opened = co_await open<Stream>(target, deadline);
        if (!opened) co_return HttpResult(fail(std::move(opened).error()));
        std::unique_ptr<Stream> stream = std::move(opened).value();
        Exchanged exchanged = co_await request_on(*stream, message);
        finish(origin, std::move(stream), exchanged);
        co_return std::move(exchanged.result);
    }

    // Closes kept connections once idle too long, looking every half idle limit while any are kept.
    void sweep_while_kept() {
        if (sweeping.exchange(true)) return;
        asio::co_spawn(io, sweep(), asio::detached);
    }

    asio::awaitable<void> sweep() {
        auto self = shared_from_this();
        asio::steady_timer timer(io);
        for (;;) {
            timer.expires_after(std::max(options.keep_alive_idle / 2, std::chrono::milliseconds(10)));
            co_await timer.async_wait(awaitable_tuple);
            if (any_kept_after_dropping_idle()) continue;
            sweeping = false;
            // A connection kept just now, by a call that saw this sweep still running, is looked
            // after all the same: by this sweep, unless a new one started meanwhile.
            if (any_kept_after_dropping_idle() && !sweeping.exchange(true)) continue;
            co_return;
        }
    }

    bool any_kept_after_dropping_idle() {
        const bool plain = kept_plain.drop_idle();
        const bool secure = kept_secure.drop_idle();
        return plain || secure;
    }

    // The request comes shared, not by value: GCC 12 mis-destroys some by-value coroutine
    // parameters, and a pointer copy is all this frame needs to own.
    asio::awaitable<MaybeResult> exchange(std::shared_ptr<HttpPost> shared) {
        auto self = shared_from_this();
        HttpPost& post = *shared;
        const auto target = parse_http_url(post.url);
        if (!target) co_return HttpResult(fail(HttpFailure{true, target.error().message}));
        if (target->secure) co_return co_await send_over<TlsStream>(*target, post);
        co_return co_await send_over<beast::tcp_stream>(*target, post);
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
