#include "tests/http/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>

namespace seminarflow::testing {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string ClientResponse::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) return value;
    }
    return {};
}

ClientResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                            const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(method == "HEAD");
    bhttp::read(socket, buffer, parser);
    const auto& response = parser.get();
    ClientResponse result;
    result.status = response.result_int();
    result.content_type = std::string(response[bhttp::field::content_type]);
    result.body = response.body();
    for (const auto& field : response) result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    return result;
}

std::string send_raw(std::uint16_t port, const std::string& bytes) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    boost::system::error_code error;
    asio::write(socket, asio::buffer(bytes), error);
    std::string answer;
    asio::read(socket, asio::dynamic_buffer(answer), error);  // until the server closes
    return answer;
}

struct KeepAliveConnection::Impl {
    asio::io_context io;
    tcp::socket socket{io};
    boost::beast::flat_buffer buffer;
};

KeepAliveConnection::KeepAliveConnection(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

KeepAliveConnection::~KeepAliveConnection() = default;

std::string KeepAliveConnection::request(const std::string& target) {
    bhttp::request<bhttp::string_body> request{bhttp::verb::get, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(impl_->socket, request);
    bhttp::response<bhttp::string_body> response;
    bhttp::read(impl_->socket, impl_->buffer, response);
    std::ostringstream head;
    head << response.base();
    return head.str();
}

bool KeepAliveConnection::wait_closed() {
    char byte = 0;
    boost::system::error_code error;
    const std::size_t read = impl_->socket.read_some(asio::buffer(&byte, 1), error);
    return read == 0 && error;
}

}  // namespace seminarflow::testing
