#pragma once
// A receiver written in Python for the tests (tests/channels/*_sink.py) as a test starts it: a
// process of its own on a loopback port, which prints "PORT <n>" (and maybe more NAME VALUE
// pairs on that line), answers GET /received with what it got, and stops when this goes (its
// stdin closes).
#include <boost/json/array.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace seminarflow::test {

class PythonSink {
public:
    // Starts tests/channels/<script> with `arguments`; throws if it does not come up.
    PythonSink(const std::string& script, std::vector<std::string> arguments);
    ~PythonSink();
    PythonSink(const PythonSink&) = delete;
    PythonSink& operator=(const PythonSink&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path) const;  // "http://127.0.0.1:<port><path>"
    // A value the sink printed beside its port ("TLS_PORT", "CA"); throws if it printed none.
    const std::string& field(const std::string& name) const;
    // Every POST so far, as the sink records it.
    boost::json::array received() const;
    // Polls received() until it holds at least `count` requests or `seconds` pass.
    boost::json::array wait_for(std::size_t count, int seconds = 20) const;

private:
    int pid_ = -1;
    int stdin_ = -1;
    std::uint16_t port_ = 0;
    std::map<std::string, std::string> fields_;
};

}  // namespace seminarflow::test
