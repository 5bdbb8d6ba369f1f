#pragma once
// Where and how an email endpoint sends: its URL names the relay, its settings the sender and
// the TLS, its secret the relay's password. Checked when the endpoint is added (the command line)
// and again before each send (the database may hold what an older binary wrote). Pure.
//
//   URL       smtp://[user@]host[:port]   (port 25 by default; 587 for submission)
//             smtps://[user@]host[:port]  implicit TLS (port 465 by default)
//   settings  from     "Name <local@domain>": the sender (required)
//             tls      for smtp://: "required" (the default: STARTTLS or no send) or
//                      "opportunistic" (STARTTLS when the relay offers it, plain otherwise)
//             ca_file  a PEM file of the CAs to trust instead of the system's
//   secrets   the first one is the password for AUTH, with the URL's user
#include <optional>
#include <string>

#include "adapters/channels/email/mailbox.hpp"
#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::email {

enum class TlsMode { implicit, required, opportunistic };

struct SmtpTarget {
    std::string url;       // what libcurl connects to: scheme://host:port, no user
    std::string host;      // the relay's name or address, without brackets
    std::string username;  // empty: no AUTH
    std::string password;
    TlsMode tls = TlsMode::required;
    Mailbox from;
    std::optional<std::string> ca_file;
};

Result<SmtpTarget, std::string> smtp_target(const Endpoint& endpoint);

}  // namespace seminarflow::email
