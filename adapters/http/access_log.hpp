#pragma once
// One line per request answered, on the "access" logger (the process's own when none is
// registered): method, route pattern and raw path, status, duration, bytes, the client's address
// and the request id.
//
//   text: access method=GET route=/v1/instances/{id} path=/v1/instances/0190... status=200
//         duration_ms=1.042 bytes=412 remote=127.0.0.1:51234 request_id=5f0c...
//   json: {"method":"GET","route":"/v1/instances/{id}","path":...,"status":200,"duration_ms":1.042,...}
//
// The text form is logfmt: values with spaces, quotes or '=' are quoted, so a line splits into
// fields without guessing. The JSON form is one object, which the JSON log format merges into
// its line (adapters/cli/logging.cpp).
#include <memory>
#include <string>

#include "adapters/http/request_record.hpp"

namespace spdlog {
class logger;
}

namespace seminarflow::http {

enum class AccessLogFormat { text, json };

std::string access_log_text(const RequestRecord& record);
std::string access_log_json(const RequestRecord& record);

// The name of the logger access lines go to when it is registered.
inline constexpr const char* access_logger_name = "access";

class AccessLog {
public:
    // Looks the "access" logger up once, here; the default logger without it.
    explicit AccessLog(AccessLogFormat format);
    void write(const RequestRecord& record) const;

private:
    AccessLogFormat format_;
    std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace seminarflow::http
