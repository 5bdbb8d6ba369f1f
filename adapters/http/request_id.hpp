#pragma once
// X-Request-Id: the id that ties a client's request to the server's log line about it. A client
// (or a proxy in front) may send one; the server keeps it if it is sane, otherwise makes one, and
// echoes it in the response.
#include <string>
#include <string_view>

namespace seminarflow::http {

// 1 to 128 characters, letters, digits and - _ . : / + = @ only: a UUID, a W3C trace id, a
// proxy's id fit; nothing that could break a log line (quotes, spaces, control characters).
bool sane_request_id(std::string_view id);

// 32 lower-case hex digits: 128 random bits.
std::string new_request_id();

// `sent` if sane, otherwise a new id.
std::string request_id_for(std::string_view sent);

}  // namespace seminarflow::http
