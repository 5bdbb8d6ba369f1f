#pragma once
// The access log as a test reads it: while one of these lives, the "access" logger is one that
// keeps each message in memory (the server looks the logger up when it is made, so make this
// first). The server writes a request's line before it sends the answer: once a test has its
// answer, the line is here.
#include <memory>
#include <string>
#include <vector>

namespace seminarflow::testing {

class CapturedAccessLog {
public:
    CapturedAccessLog();
    ~CapturedAccessLog();
    CapturedAccessLog(const CapturedAccessLog&) = delete;
    CapturedAccessLog& operator=(const CapturedAccessLog&) = delete;

    std::vector<std::string> lines() const;
    // The one line that contains `text`; fails the test if there is none or more than one.
    std::string line_with(const std::string& text) const;

    class Sink;

private:
    std::shared_ptr<Sink> sink_;
};

}  // namespace seminarflow::testing
