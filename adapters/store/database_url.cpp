#include "adapters/store/database_url.hpp"

#include <algorithm>
#include <charconv>

namespace seminarflow {
namespace {

constexpr std::string_view sqlite_forms = "sqlite:///absolute/path.db or sqlite:relative/path.db";
constexpr std::string_view postgresql_form = "postgresql://user:password@host:port/dbname";

Failure<StoreError> refuse(std::string message) {
    return fail(StoreError{std::move(message)});
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// `what` names the component in errors; the component itself is never quoted (it may be a
// password, or a piece of one that an unencoded '/' or '@' cut off).
Result<std::string, StoreError> percent_decode(std::string_view text, std::string_view what) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            return refuse("bad percent-encoding in the " + std::string(what) +
                          ": '%' must be followed by two hexadecimal digits (write '%' as %25)");
        }
        if (high == 0 && low == 0) {
            return refuse("the " + std::string(what) + " holds a NUL character (%00)");
        }
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return decoded;
}

std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return lower;
}

Result<DatabaseUrl, StoreError> parse_sqlite(std::string_view rest) {
    if (rest.find('?') != std::string_view::npos) {
        return refuse("a sqlite URL takes no query parameters (percent-encode '?' in a file name as %3F)");
    }
    std::string_view raw_path = rest;
    if (rest.starts_with("//")) {
        const std::string_view after = rest.substr(2);
        const std::size_t slash = after.find('/');
        if (slash != 0 && !after.empty()) {
            return refuse("a sqlite URL names no host: write " + std::string(sqlite_forms) +
                          " (three slashes before an absolute path)");
        }
        raw_path = after;
    }
    if (raw_path.empty()) {
        return refuse("the sqlite URL names no database file: write " + std::string(sqlite_forms));
    }
    auto path = percent_decode(raw_path, "sqlite path");
    if (!path) return fail(std::move(path).error());
    if (path.value() == ":memory:") {
        // Every pooled connection would see its own empty database.
        return refuse("an in-memory sqlite database cannot be shared by the store's connections: name a file");
    }
    if (path->back() == '/') {
        return refuse("the sqlite path ends with '/', which names a directory: name a file");
    }
    DatabaseUrl url;
    url.backend = DatabaseBackend::sqlite;
    url.path = std::move(path).value();
    return url;
}

Result<std::uint16_t, StoreError> parse_port(std::string_view text) {
    if (text.empty()) return refuse("the port after ':' is empty: drop the ':' or give a port");
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
        return refuse("the port must be a number from 1 to 65535 "
                      "(percent-encode '/', '@' and ':' inside a password)");
    }
    return static_cast<std::uint16_t>(value);
}

bool is_keyword(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// The query becomes libpq keywords (sslmode, connect_timeout, options ...), passed through.
Result<bool, StoreError> parse_parameters(std::string_view query, DatabaseUrl& url) {
    while (true) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        if (item.empty()) return refuse("the query has an empty parameter (a stray '?' or '&')");
        const std::size_t eq = item.find('=');
        auto key = percent_decode(item.substr(0, eq), "name of a query parameter");
        if (!key) return fail(std::move(key).error());
        const std::string& name = key.value();
        // Checked before it is quoted in a message: it might be a misplaced piece of a password.
        if (!is_keyword(name)) {
            return refuse("a query parameter's name must be a libpq keyword "
                          "(lowercase letters, digits and '_'), such as sslmode");
        }
        const std::string quoted = "'" + name + "'";
        if (eq == std::string_view::npos) {
            return refuse("the query parameter " + quoted + " has no value: write " + name + "=value");
        }
        if (name == "host" || name == "port" || name == "dbname" || name == "user" || name == "password") {
            return refuse("the query parameter " + quoted + " belongs in the URL itself: " +
                          std::string(postgresql_form));
        }
        const auto& given = url.parameters;
        if (std::any_of(given.begin(), given.end(), [&](const auto& parameter) { return parameter.first == name; })) {
            return refuse("the query parameter " + quoted + " is given twice");
        }
        auto value = percent_decode(item.substr(eq + 1), "value of the query parameter " + quoted);
        if (!value) return fail(std::move(value).error());
        url.parameters.emplace_back(name, std::move(value).value());
        if (amp == std::string_view::npos) return true;
        query.remove_prefix(amp + 1);
    }
}

// The authority's host part: "host", "host:port", "[v6]" or "[v6]:port".
Result<bool, StoreError> parse_host_and_port(std::string_view text, DatabaseUrl& url) {
    std::string_view host = text;
    std::optional<std::string_view> port;
    if (text.starts_with('[')) {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos) return refuse("the host's '[' (an IPv6 address) has no closing ']'");
        host = text.substr(1, close - 1);
        const std::string_view after = text.substr(close + 1);
        if (!after.empty() && after.front() != ':') {
            return refuse("only ':port' may follow an IPv6 address in brackets");
        }
        if (!after.empty()) port = after.substr(1);
    } else if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    if (host.empty()) return refuse("the postgresql URL names no host: write " + std::string(postgresql_form));
    auto decoded = percent_decode(host, "host");
    if (!decoded) return fail(std::move(decoded).error());
    if (decoded->find(',') != std::string::npos) return refuse("a postgresql URL names one host, not several");
    url.host = std::move(decoded).value();
    if (port) {
        auto number = parse_port(*port);
        if (!number) return fail(std::move(number).error());
        url.port = number.value();
    }
    return true;
}

Result<DatabaseUrl, StoreError> parse_postgresql(std::string_view rest) {
    if (!rest.starts_with("//")) {
        return refuse("a postgresql URL starts with postgresql://: write " + std::string(postgresql_form));
    }
    rest.remove_prefix(2);
    DatabaseUrl url;
    url.backend = DatabaseBackend::postgresql;

    const std::size_t question = rest.find('?');
    const std::string_view before_query = rest.substr(0, question);
    // Like libpq, the authority ends at the first '/': a '/' in a password must be encoded.
    const std::size_t slash = before_query.find('/');
    const std::string_view authority = before_query.substr(0, slash);
    // The last '@' ends the user information, so an unencoded '@' in a password still works.
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view user_info = authority.substr(0, at);
        const std::size_t colon = user_info.find(':');
        if (colon == 0 || user_info.empty()) return refuse("the user name before '@' is empty");
        auto user = percent_decode(user_info.substr(0, colon), "user name");
        if (!user) return fail(std::move(user).error());
        url.user = std::move(user).value();
        if (colon != std::string_view::npos) {
            auto password = percent_decode(user_info.substr(colon + 1), "password");
            if (!password) return fail(std::move(password).error());
            url.password = std::move(password).value();
        }
    }
    if (auto host = parse_host_and_port(authority.substr(at == std::string_view::npos ? 0 : at + 1), url); !host) {
        return fail(std::move(host).error());
    }

    const std::string_view path = slash == std::string_view::npos ? std::string_view{} : before_query.substr(slash + 1);
    if (path.empty()) return refuse("the postgresql URL names no database: write " + std::string(postgresql_form));
    if (path.find('/') != std::string_view::npos) {
        return refuse("the database name holds a '/' (percent-encode it as %2F if it is meant)");
    }
    auto database = percent_decode(path, "database name");
    if (!database) return fail(std::move(database).error());
    url.database = std::move(database).value();

    if (question != std::string_view::npos) {
        if (auto parameters = parse_parameters(rest.substr(question + 1), url); !parameters) {
            return fail(std::move(parameters).error());
        }
    }
    return url;
}

std::string quote_conninfo_value(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). Anything else is not a scheme but, say,
// "user:password@host" without one, and is not echoed back.
bool is_scheme(std::string_view text) {
    return !text.empty() && text.front() >= 'a' && text.front() <= 'z' &&
           std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
           });
}

// Each byte outside RFC 3986's unreserved characters (and `also_kept`) as %XX: a part written
// back into a URL reads as that part again, whatever it holds ('@', ':', '/', '%', '?' ...).
std::string percent_encode(std::string_view text, std::string_view also_kept = {}) {
    static constexpr std::string_view hex = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (const char c : text) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved || also_kept.find(c) != std::string_view::npos) {
            encoded += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        encoded.append(1, '%').append(1, hex[byte >> 4]).append(1, hex[byte & 15]);
    }
    return encoded;
}

bool is_secret_parameter(std::string_view key) {
    return key.find("password") != std::string_view::npos;  // sslpassword, and any to come
}

}  // namespace

std::string_view to_string(DatabaseBackend backend) {
    return backend == DatabaseBackend::sqlite ? "sqlite" : "postgresql";
}

std::string DatabaseUrl::soci_backend() const {
    return backend == DatabaseBackend::sqlite ? "sqlite3" : "postgresql";
}

std::string DatabaseUrl::connect_string() const {
    if (backend == DatabaseBackend::sqlite) {
        // "./" keeps a relative name from being read as SOCI's "key=value" options or as an
        // SQLite "file:" URI; absolute paths cannot be mistaken for either.
        return path.starts_with('/') ? path : "./" + path;
    }
    std::string conninfo;
    const auto add = [&conninfo](std::string_view key, std::string_view value) {
        if (!conninfo.empty()) conninfo += ' ';
        conninfo.append(key).append("=").append(quote_conninfo_value(value));
    };
    const auto given = [this](std::string_view key) {
        return std::any_of(parameters.begin(), parameters.end(), [&](const auto& p) { return p.first == key; });
    };
    add("host", host);
    if (port) add("port", std::to_string(*port));
    add("dbname", database);
    if (!user.empty()) add("user", user);
    if (password) add("password", *password);
    for (const auto& [key, value] : parameters) add(key, value);
    // libpq waits forever for a host that drops packets; a readiness check must not.
    if (!given("connect_timeout")) add("connect_timeout", "10");
    // A server that vanishes without a word (a host powered off, a NAT that forgot us) sends no
    // reset: an idle connection, the LISTEN one above all, would wait for it for two hours, and a
    // query in flight for the system's 15 minutes of retransmissions. Probes after 30 s of
    // silence find it gone within a minute; unacknowledged data gives up after 30 s. The pool then
    // opens a new connection.
    if (!given("keepalives_idle")) add("keepalives_idle", "30");
    if (!given("keepalives_interval")) add("keepalives_interval", "10");
    if (!given("keepalives_count")) add("keepalives_count", "3");
    if (!given("tcp_user_timeout")) add("tcp_user_timeout", "30000");
    // Names our sessions in pg_stat_activity, for the operator looking at a busy server.
    if (!given("application_name")) add("application_name", "seminarflow");
    return conninfo;
}

std::string DatabaseUrl::redacted() const {
    // Every part is percent-encoded again, so the redacted form parses back into this URL with
    // "***" for its secrets: decoded text such as a host holding "%40" cannot pose as a password.
    if (backend == DatabaseBackend::sqlite) {
        const std::string encoded = percent_encode(path, "/");
        return path.starts_with('/') ? "sqlite://" + encoded : "sqlite:" + encoded;
    }
    std::string text = "postgresql://";
    if (!user.empty()) {
        text += percent_encode(user);
        if (password) text += ":***";
        text += '@';
    }
    // append, not "literal" + string: GCC 12 at -O3 warns falsely about the latter (bug 105651).
    text.append(host.find(':') == std::string::npos ? percent_encode(host) : "[" + percent_encode(host, ":") + "]");
    if (port) text.append(":").append(std::to_string(*port));
    text.append("/").append(percent_encode(database));
    char separator = '?';
    for (const auto& [key, value] : parameters) {
        text.append(1, separator).append(key).append("=").append(is_secret_parameter(key) ? "***" : percent_encode(value));
        separator = '&';
    }
    return text;
}

Result<DatabaseUrl, StoreError> parse_database_url(std::string_view text) {
    if (text.empty()) return refuse("the database URL is empty: write " + std::string(sqlite_forms) + " or " +
                                    std::string(postgresql_form));
    const auto is_control = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    };
    if (std::any_of(text.begin(), text.end(), is_control)) {
        return refuse("the database URL holds a control character (a stray newline or tab?)");
    }
    if (text.front() == ' ' || text.back() == ' ') return refuse("the database URL begins or ends with a space");
    if (text.find('#') != std::string_view::npos) {
        return refuse("a database URL takes no fragment: percent-encode '#' as %23");
    }
    const std::size_t colon = text.find(':');
    const std::string scheme = ascii_lower(text.substr(0, colon == std::string_view::npos ? 0 : colon));
    if (!is_scheme(scheme)) {
        return refuse("not a database URL: write " + std::string(sqlite_forms) + " or " + std::string(postgresql_form));
    }
    const std::string_view rest = text.substr(colon + 1);
    if (scheme == "sqlite") return parse_sqlite(rest);
    if (scheme == "postgresql" || scheme == "postgres") return parse_postgresql(rest);
    return refuse("unsupported database scheme '" + scheme + "': seminarflow stores in sqlite or postgresql");
}

}  // namespace seminarflow
