#pragma once
// The Python webhook receiver (webhook_sink.py) as a test starts it: a process of its own on a
// loopback port, checking signatures independently, stopped when this goes.
#include <boost/json/parse.hpp>
#include <stdexcept>

#include "tests/channels/python_sink.hpp"
#include "tests/http/http_client.hpp"

namespace seminarflow::test {

class WebhookSink : public PythonSink {
public:
    // Starts the sink, trusting `secrets`; throws if it does not come up. received() holds
    // {path, headers, body, signed_by, at} for every POST.
    explicit WebhookSink(std::vector<std::string> secrets) : PythonSink("webhook_sink.py", std::move(secrets)) {}

    // Also serves TLS, with a certificate for `names` ("IP:127.0.0.1,DNS:localhost") signed by a
    // CA made for this sink alone (ca_file()).
    WebhookSink(std::vector<std::string> secrets, const std::string& names)
        : PythonSink("webhook_sink.py", with_tls(names, std::move(secrets))) {}

    // "https://<host>:<TLS port><path>"
    std::string tls_url(const std::string& path, const std::string& host = "127.0.0.1") const {
        return "https://" + host + ":" + field("TLS_PORT") + path;
    }
    const std::string& ca_file() const { return field("CA"); }

    // How many connections to the sink are open (the one asking aside).
    std::int64_t open_connections() const {
        const auto response = testing::http_request(port(), "GET", "/connections");
        if (response.status != 200) throw std::runtime_error("the sink answered " + std::to_string(response.status));
        return boost::json::parse(response.body).at("open").as_int64();
    }

private:
    static std::vector<std::string> with_tls(const std::string& names, std::vector<std::string> secrets) {
        secrets.insert(secrets.begin(), {"--tls", names});
        return secrets;
    }
};

}  // namespace seminarflow::test
