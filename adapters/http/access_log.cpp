#include "adapters/http/access_log.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

namespace seminarflow::http {
namespace {

double milliseconds(std::chrono::microseconds duration) { return static_cast<double>(duration.count()) / 1000.0; }

// A logfmt value: bare when it can be, otherwise quoted with \ and " escaped.
void append_value(std::string& line, std::string_view value) {
    const bool bare = !value.empty() && value.find_first_of(" \"=\\") == std::string_view::npos;
    if (bare) {
        line += value;
        return;
    }
    line += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\') line += '\\';
        line += c;
    }
    line += '"';
}

void append_field(std::string& line, std::string_view name, std::string_view value) {
    line += ' ';
    line += name;
    line += '=';
    append_value(line, value);
}

}  // namespace

std::string access_log_text(const RequestRecord& record) {
    std::string line = "access";
    append_field(line, "method", record.method);
    append_field(line, "route", record.route);
    append_field(line, "path", record.target);
    append_field(line, "status", std::to_string(record.status));
    append_field(line, "duration_ms", fmt::format("{:.3f}", milliseconds(record.duration)));
    append_field(line, "bytes", std::to_string(record.bytes));
    append_field(line, "remote", record.remote);
    append_field(line, "request_id", record.request_id);
    return line;
}

std::string access_log_json(const RequestRecord& record) {
    // Written out rather than through boost::json::object, whose doubles read "1.042E0": the
    // duration is printed as the text form prints it. Strings are escaped by Boost.JSON.
    const auto text = [](std::string_view value) { return boost::json::serialize(boost::json::string_view(value)); };
    return fmt::format(R"({{"method":{},"route":{},"path":{},"status":{},"duration_ms":{:.3f},"bytes":{},)"
                       R"("remote":{},"request_id":{}}})",
                       text(record.method), text(record.route), text(record.target), record.status,
                       milliseconds(record.duration), record.bytes, text(record.remote), text(record.request_id));
}

AccessLog::AccessLog(AccessLogFormat format) : format_(format), logger_(spdlog::get(access_logger_name)) {
    if (!logger_) logger_ = spdlog::default_logger();
}

void AccessLog::write(const RequestRecord& record) const {
    if (!logger_->should_log(spdlog::level::info)) return;
    logger_->info(format_ == AccessLogFormat::json ? access_log_json(record) : access_log_text(record));
}

}  // namespace seminarflow::http
