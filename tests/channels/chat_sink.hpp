#pragma once
// The chat platforms' stand-in (chat_sink.py) as a test starts it: POST
// /<platform>/<script>/<the platform's own path>; received() holds {platform, script, path,
// headers, body, json, status, error, visible} for every POST.
#include "tests/channels/python_sink.hpp"

namespace seminarflow::test {

class ChatSink : public PythonSink {
public:
    ChatSink() : PythonSink("chat_sink.py", {}) {}
};

}  // namespace seminarflow::test
