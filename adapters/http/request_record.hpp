#pragma once
// What the server tells about each request it answers, once the answer is ready and before it is
// sent: the access log writes it, the metrics count it (ServerOptions::on_request).
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace seminarflow::http {

struct RequestRecord {
    std::string method;      // as sent ("" when the request line could not be read)
    std::string route;       // the pattern that matched, such as "/v1/instances/{id}"; "" for none
    std::string target;      // path and query as sent, bytes outside visible ASCII %-encoded
    unsigned status = 0;
    std::chrono::microseconds duration{0};  // from the request read to its answer ready to send
    std::size_t bytes = 0;   // body bytes sent
    std::string remote;      // the client's address:port
    std::string request_id;  // the client's X-Request-Id if sane, otherwise one made here
};

using RequestObserver = std::function<void(const RequestRecord&)>;

}  // namespace seminarflow::http
