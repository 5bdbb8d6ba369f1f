#include "tests/http/captured_log.hpp"

#include <catch2/catch.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <mutex>

#include "adapters/http/access_log.hpp"

namespace seminarflow::testing {

class CapturedAccessLog::Sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<std::string> lines() {
        const std::lock_guard lock(mutex_);
        return lines_;
    }

protected:
    // The message as the server wrote it, without the time and level a formatter adds.
    void sink_it_(const spdlog::details::log_msg& message) override {
        lines_.emplace_back(message.payload.data(), message.payload.size());
    }
    void flush_() override {}

private:
    std::vector<std::string> lines_;
};

CapturedAccessLog::CapturedAccessLog() : sink_(std::make_shared<Sink>()) {
    spdlog::drop(http::access_logger_name);
    auto logger = std::make_shared<spdlog::logger>(http::access_logger_name, sink_);
    logger->set_level(spdlog::level::info);
    spdlog::register_logger(std::move(logger));
}

CapturedAccessLog::~CapturedAccessLog() { spdlog::drop(http::access_logger_name); }

std::vector<std::string> CapturedAccessLog::lines() const { return sink_->lines(); }

std::string CapturedAccessLog::line_with(const std::string& text) const {
    std::vector<std::string> found;
    for (const auto& line : lines()) {
        if (line.find(text) != std::string::npos) found.push_back(line);
    }
    INFO("access lines with '" << text << "'");
    REQUIRE(found.size() == 1);
    return found.front();
}

}  // namespace seminarflow::testing
