#pragma once
// A small blocking HTTP/1.1 client for tests: talks to the real server over loopback.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace seminarflow::testing {

struct ClientResponse {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string header(const std::string& name) const;
};

ClientResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                            const std::string& body = {},
                            const std::vector<std::pair<std::string, std::string>>& headers = {});

// Sends `bytes` as they are and returns everything the server answers until it closes.
std::string send_raw(std::uint16_t port, const std::string& bytes);

// A connection kept open between requests.
class KeepAliveConnection {
public:
    explicit KeepAliveConnection(std::uint16_t port);
    ~KeepAliveConnection();
    // Sends GET `target` and returns the response's status line and headers.
    std::string request(const std::string& target);
    // Waits until the server closes the connection; false if it sent data instead.
    bool wait_closed();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seminarflow::testing
