#pragma once
// The Python webhook receiver (webhook_sink.py) as a test starts it: a process of its own on a
// loopback port, checking signatures independently, stopped when this goes.
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace seminarflow::test {

class WebhookSink {
public:
    // Starts the sink, trusting `secrets`; throws if it does not come up.
    explicit WebhookSink(std::vector<std::string> secrets);
    ~WebhookSink();
    WebhookSink(const WebhookSink&) = delete;
    WebhookSink& operator=(const WebhookSink&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path) const;  // "http://127.0.0.1:<port><path>"
    // Every POST so far: {path, headers, body, signed_by}.
    boost::json::array received() const;
    // Polls received() until it holds at least `count` requests or `seconds` pass.
    boost::json::array wait_for(std::size_t count, int seconds = 20) const;

private:
    int pid_ = -1;
    int stdin_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace seminarflow::test
