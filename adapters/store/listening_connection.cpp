#include "adapters/store/listening_connection.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/work_announcement.hpp"

namespace seminarflow {

struct ListeningConnection::Impl {
    soci::session session;
    // What the server said last outside a query: before it closes a connection it says why
    // ("terminating connection due to administrator command"), and libpq hands that to the
    // notice processor, whose default would print it on stderr.
    std::string last_notice;

    PGconn* connection() {
        return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
    }

    static void keep_notice(void* self, const char* message) {
        // libpq writes "FATAL:  terminating ...": one space will do on one line.
        std::string line = one_line(message);
        line.erase(std::unique(line.begin(), line.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
                   line.end());
        static_cast<Impl*>(self)->last_notice = std::move(line);
    }

    // The server's last word if it said one, then libpq's first line ("server closed the
    // connection unexpectedly"); the lines after that guess at causes the first already names.
    std::string lost_reason() {
        const std::string_view message = PQerrorMessage(connection());
        std::string reason = one_line(message.substr(0, message.find('\n')));
        if (reason.empty()) reason = "the connection is closed";
        return last_notice.empty() ? reason : last_notice + "; " + reason;
    }
};

ListeningConnection::ListeningConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ListeningConnection::~ListeningConnection() = default;

Result<std::unique_ptr<ListeningConnection>, StoreError> ListeningConnection::open(const DatabaseUrl& url) {
    auto impl = std::make_unique<Impl>();
    try {
        open_connection(impl->session, long_lived_url(url, "seminarflow listener"), ConnectionSettings{});
        PQsetNoticeProcessor(impl->connection(), &Impl::keep_notice, impl.get());
        impl->session << "LISTEN " + std::string(work_channel);
    } catch (const soci::soci_error& error) {
        return fail(StoreError{"listening on " + url.redacted() + ": " + connection_error(error.what())});
    }
    return std::unique_ptr<ListeningConnection>(new ListeningConnection(std::move(impl)));
}

int ListeningConnection::socket() const { return PQsocket(impl_->connection()); }

int ListeningConnection::backend_pid() const { return PQbackendPID(impl_->connection()); }

Result<std::size_t, StoreError> ListeningConnection::take_notifications() {
    PGconn* connection = impl_->connection();
    // Reads what the socket holds; libpq keeps its socket non-blocking, so this never waits.
    if (PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK) {
        return fail(StoreError{impl_->lost_reason()});
    }
    std::size_t count = 0;
    while (PGnotify* notification = PQnotifies(connection)) {
        ++count;
        PQfreemem(notification);
    }
    return count;
}

}  // namespace seminarflow
