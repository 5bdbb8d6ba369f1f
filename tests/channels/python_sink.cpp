#include "tests/channels/python_sink.hpp"

#include <boost/json/parse.hpp>
#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/http/http_client.hpp"

extern char** environ;

namespace seminarflow::test {

PythonSink::PythonSink(const std::string& script, std::vector<std::string> arguments_after) {
    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    std::vector<std::string> arguments{SEMINARFLOW_PYTHON, SEMINARFLOW_SOURCE_DIR "/tests/channels/" + script};
    arguments.insert(arguments.end(), arguments_after.begin(), arguments_after.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, SEMINARFLOW_PYTHON, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    stdin_ = to_child[1];
    if (spawned != 0) throw std::runtime_error("cannot start " SEMINARFLOW_PYTHON);
    // The first line is "PORT <n>".
    std::string line;
    char c = 0;
    while (::read(from_child[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(from_child[0]);
    unsigned port = 0;
    if (std::sscanf(line.c_str(), "PORT %u", &port) != 1 || port == 0) {
        throw std::runtime_error(script + " did not start: '" + line + "'");
    }
    port_ = static_cast<std::uint16_t>(port);
    std::istringstream words(line);
    std::string name;
    std::string value;
    while (words >> name >> value) fields_[name] = value;
}

PythonSink::~PythonSink() {
    if (stdin_ >= 0) ::close(stdin_);  // the sink stops when its stdin closes
    if (pid_ > 0) {
        int status = 0;
        // A sink stuck in a hanging answer still stops: the close wakes it. Give it a moment,
        // then make sure.
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
}

std::string PythonSink::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

const std::string& PythonSink::field(const std::string& name) const {
    const auto found = fields_.find(name);
    if (found == fields_.end()) throw std::runtime_error("the sink printed no " + name);
    return found->second;
}

boost::json::array PythonSink::received() const {
    const auto response = testing::http_request(port_, "GET", "/received");
    if (response.status != 200) throw std::runtime_error("the sink answered " + std::to_string(response.status));
    return boost::json::parse(response.body).as_array();
}

boost::json::array PythonSink::wait_for(std::size_t count, int seconds) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    for (;;) {
        auto requests = received();
        if (requests.size() >= count || std::chrono::steady_clock::now() > deadline) return requests;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace seminarflow::test
