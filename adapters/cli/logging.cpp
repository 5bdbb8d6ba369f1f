#include "adapters/cli/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/http/access_log.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {
namespace {

// {"time":"2026-11-22T08:00:00.123Z","level":"info","logger":"seminarflow","message":"...","thread":1}
// The access log's lines are JSON objects already (http/access_log.hpp): their members go into
// the line itself, {"time":...,"logger":"access","thread":1,"method":"GET",...}, for log shippers
// to index without parsing a message.
class JsonLineFormatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override {
        const std::string_view payload(message.payload.data(), message.payload.size());
        const std::string_view logger(message.logger_name.data(), message.logger_name.size());
        const bool fields = logger == http::access_logger_name && payload.size() > 2 && payload.front() == '{' &&
                            payload.back() == '}';
        boost::json::object line = {
            {"time", format_rfc3339(std::chrono::time_point_cast<Duration>(message.time))},
            {"level", std::string(spdlog::level::to_string_view(message.level).data(),
                                  spdlog::level::to_string_view(message.level).size())},
            {"logger", logger},
        };
        if (!fields) line["message"] = payload;
        line["thread"] = message.thread_id;
        std::string text = boost::json::serialize(line);
        if (fields) {
            text.back() = ',';
            text.append(payload.substr(1));
        }
        out.append(text.data(), text.data() + text.size());
        out.push_back('\n');
    }
    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLineFormatter>(); }
};

std::shared_ptr<spdlog::logger> make_logger(std::string name, const LogConfig& config) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    if (config.format == LogFormat::json) {
        sink->set_formatter(std::make_unique<JsonLineFormatter>());
    } else {
        sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v",
                                                                        spdlog::pattern_time_type::utc));
    }
    auto logger = std::make_shared<spdlog::logger>(std::move(name), std::move(sink));
    logger->set_level(spdlog::level::from_str(config.level));
    logger->flush_on(spdlog::level::info);
    return logger;
}

}  // namespace

void configure_logging(const LogConfig& config) {
    spdlog::set_default_logger(make_logger("seminarflow", config));
    // Access lines on a logger of their own (a sink of its own too: a sink has one formatter),
    // writing to the same stderr; spdlog's console sinks share one lock, so lines never interleave.
    spdlog::drop(http::access_logger_name);
    spdlog::register_logger(make_logger(http::access_logger_name, config));
}

}  // namespace seminarflow
