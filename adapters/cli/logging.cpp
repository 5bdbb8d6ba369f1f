#include "adapters/cli/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "engine/model/time.hpp"

namespace seminarflow {
namespace {

// {"time":"2026-11-22T08:00:00.123Z","level":"info","logger":"seminarflow","message":"..."}
class JsonLineFormatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override {
        const boost::json::value line = {
            {"time", format_rfc3339(std::chrono::time_point_cast<Duration>(message.time))},
            {"level", std::string(spdlog::level::to_string_view(message.level).data(),
                                  spdlog::level::to_string_view(message.level).size())},
            {"logger", std::string(message.logger_name.data(), message.logger_name.size())},
            {"message", std::string(message.payload.data(), message.payload.size())},
            {"thread", message.thread_id},
        };
        const std::string text = boost::json::serialize(line);
        out.append(text.data(), text.data() + text.size());
        out.push_back('\n');
    }
    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLineFormatter>(); }
};

}  // namespace

void configure_logging(const LogConfig& config) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    if (config.format == LogFormat::json) {
        sink->set_formatter(std::make_unique<JsonLineFormatter>());
    } else {
        sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v",
                                                                        spdlog::pattern_time_type::utc));
    }
    auto logger = std::make_shared<spdlog::logger>("seminarflow", std::move(sink));
    logger->set_level(spdlog::level::from_str(config.level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace seminarflow
