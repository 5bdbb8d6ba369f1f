#pragma once
// The one HTTP exchange every channel that POSTs makes: resolve the URL's host, connect, send one
// POST, read the answer (at most max_response_bytes of its body), all under one deadline,
// redirects never followed (a 3xx is handed back as it is). A connection whose answer was read
// whole and that the receiver keeps alive is kept for the next POST to the same origin
// (idle_connections.hpp), as a browser or wrk would: a busy receiver is sent to without a new
// TCP and TLS handshake each time. Where the connection is made is decided here and only here, so
// that rules about where seminarflow may connect have one place to live:
// - every address the host resolves to is judged by the address policy (address_policy.hpp), and
//   only allowed ones are connected to: the check is on the address connected to, so a name that
//   resolves to a private address (or is made to, between two looks) is refused all the same;
// - https is TLS 1.2 or later, with SNI, the peer's chain checked against the system's CAs (and
//   ca_file's) and its name against the URL's host (RFC 6125).
// Beast, Asio and OpenSSL stay in http_client.cpp.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "adapters/channels/http/address_policy.hpp"
#include "adapters/channels/http/http_answer.hpp"
#include "engine/model/result.hpp"

namespace boost::asio {
class io_context;
}

namespace seminarflow::channels {

struct HttpClientOptions {
    // The whole try: resolving, connecting, sending and reading the answer.
    std::chrono::milliseconds timeout{15'000};
    // An answer's body beyond this is not read: receivers answer with a status, not a document.
    std::size_t max_response_bytes = 64 * 1024;
    std::string user_agent = "seminarflow/1";
    // Where it may connect: by default, no loopback, private, link-local ... address.
    AddressPolicy addresses = {};
    // A PEM file of CA certificates trusted beside the system's (a private CA). Empty: none.
    std::string ca_file = {};
    // How long a connection is kept open, unused, for the next POST to its origin (0: each POST
    // on a connection of its own, closed after it), and how many are kept per origin at most.
    std::chrono::milliseconds keep_alive_idle{30'000};
    std::size_t max_idle_per_origin = 64;
};

struct HttpPost {
    std::string url;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;  // beyond Host, User-Agent, Content-Type
    std::string body;
};

// No answer came. `final`: the URL cannot be sent to at all (trying again would not help: a bad
// URL, or every address it resolves to refused by the address policy); otherwise the failure may
// pass (not resolved, refused, timed out, cut off, a certificate not trusted or not for the host:
// certificates get renewed and fixed).
struct HttpFailure {
    bool final = false;
    std::string message;
};

using HttpResult = Result<HttpAnswer, HttpFailure>;

class HttpClient {
public:
    // Throws std::runtime_error (at start-up) if options.ca_file cannot be read as PEM certificates.
    HttpClient(boost::asio::io_context& io, HttpClientOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    const HttpClientOptions& options() const;
    // Runs on the io_context; `done` is called exactly once, on its thread. The client may be
    // destroyed while a post is under way: the exchange keeps what it needs.
    void post(HttpPost request, std::function<void(HttpResult)> done);

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow::channels
