#pragma once
// The local SMTP server (smtp_sink.py) as a test starts it: a process of its own on a free
// loopback port, told how to answer and asked what arrived over its stdin and stdout. Stopped
// (its stdin closed) when this goes.
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace seminarflow::test {

class SmtpSink {
public:
    // `arguments`: "--tls starttls|implicit", "--user NAME --password SECRET".
    explicit SmtpSink(std::vector<std::string> arguments = {});
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    std::uint16_t port() const { return port_; }
    const std::string& ca_file() const { return ca_file_; }  // with --tls: the certificate to trust
    std::string url(const std::string& scheme = "smtp", const std::string& user = "") const;

    std::string command(const std::string& line);  // its one-line answer
    boost::json::array received();

private:
    pid_t pid_ = -1;
    int stdin_ = -1;
    int stdout_ = -1;
    std::uint16_t port_ = 0;
    std::string ca_file_;
    std::string read_line();
};

}  // namespace seminarflow::test
