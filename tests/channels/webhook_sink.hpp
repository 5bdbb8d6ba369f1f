#pragma once
// The Python webhook receiver (webhook_sink.py) as a test starts it: a process of its own on a
// loopback port, checking signatures independently, stopped when this goes.
#include "tests/channels/python_sink.hpp"

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

private:
    static std::vector<std::string> with_tls(const std::string& names, std::vector<std::string> secrets) {
        secrets.insert(secrets.begin(), {"--tls", names});
        return secrets;
    }
};

}  // namespace seminarflow::test
