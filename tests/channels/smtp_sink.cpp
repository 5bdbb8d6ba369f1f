#include "tests/channels/smtp_sink.hpp"

#include <boost/json/parse.hpp>
#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace seminarflow::test {

SmtpSink::SmtpSink(std::vector<std::string> arguments) {
    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    arguments.insert(arguments.begin(), {SEMINARFLOW_SMTP_PYTHON, SEMINARFLOW_SOURCE_DIR "/tests/channels/smtp_sink.py"});
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, SEMINARFLOW_SMTP_PYTHON, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    if (spawned != 0) throw std::runtime_error("cannot start " SEMINARFLOW_SMTP_PYTHON);
    const std::string line = read_line();
    unsigned port = 0;
    if (std::sscanf(line.c_str(), "PORT %u", &port) != 1 || port == 0) {
        throw std::runtime_error("the SMTP sink did not start: '" + line + "'");
    }
    port_ = static_cast<std::uint16_t>(port);
    for (std::size_t i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == "--tls") ca_file_ = read_line().substr(3);  // "CA <file>"
    }
}

SmtpSink::~SmtpSink() {
    if (stdin_ >= 0) ::close(stdin_);  // the sink stops when its stdin closes
    if (stdout_ >= 0) ::close(stdout_);
    if (pid_ > 0) {
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
}

std::string SmtpSink::read_line() {
    std::string line;
    char c = 0;
    while (::read(stdout_, &c, 1) == 1 && c != '\n') line += c;
    return line;
}

std::string SmtpSink::url(const std::string& scheme, const std::string& user) const {
    return scheme + "://" + (user.empty() ? "" : user + "@") + "127.0.0.1:" + std::to_string(port_);
}

std::string SmtpSink::command(const std::string& line) {
    const std::string text = line + "\n";
    if (::write(stdin_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        throw std::runtime_error("the SMTP sink is gone");
    }
    return read_line();
}

boost::json::array SmtpSink::received() { return boost::json::parse(command("received")).as_array(); }

}  // namespace seminarflow::test
