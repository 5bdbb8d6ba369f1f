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
};

}  // namespace seminarflow::test
