#include "adapters/store/instance_reading_connection.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <charconv>
#include <string_view>

#include "adapters/store/connection.hpp"
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

constexpr const char* statement_name = "seminarflow_find_instances";

// The ids as one text[] parameter, in PostgreSQL's array syntax: each element quoted, with its
// quotes and backslashes escaped, so that no id can end its element or the array early.
std::string array_literal(std::span<const std::string> ids) {
    std::string literal = "{";
    for (const std::string& id : ids) {
        if (literal.size() > 1) literal += ',';
        literal += '"';
        for (const char c : id) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    literal += '}';
    return literal;
}

template <typename Number>
Result<Number, StoreError> number_cell(const PGresult& result, int row, int column) {
    const char* text = PQgetvalue(&result, row, column);
    const std::string_view cell(text, static_cast<std::size_t>(PQgetlength(&result, row, column)));
    Number number{};
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
    if (error != std::errc{} || end != cell.data() + cell.size()) {
        return fail(StoreError{"the store holds a corrupt number in " + std::string(PQfname(&result, column)) + ": " +
                               std::string(cell)});
    }
    return number;
}

std::string text_cell(const PGresult& result, int row, int column) {
    return std::string(PQgetvalue(&result, row, column), static_cast<std::size_t>(PQgetlength(&result, row, column)));
}

// The rows of one answer, in instance_columns()'s order.
Result<std::vector<InstanceRow>, StoreError> read_rows(const PGresult& result) {
    std::vector<InstanceRow> rows;
    const int count = PQntuples(&result);
    rows.reserve(static_cast<std::size_t>(count));
    for (int index = 0; index < count; ++index) {
        InstanceRow row;
        auto definition_version = number_cell<int>(result, index, 2);
        auto version = number_cell<long long>(result, index, 6);
        if (!definition_version) return fail(std::move(definition_version).error());
        if (!version) return fail(std::move(version).error());
        row.id = text_cell(result, index, 0);
        row.workflow = text_cell(result, index, 1);
        row.definition_version = *definition_version;
        row.state = text_cell(result, index, 3);
        row.data = text_cell(result, index, 4);
        if (!PQgetisnull(&result, index, 5)) {
            row.parent = text_cell(result, index, 5);
            row.parent_indicator = soci::i_ok;
        }
        row.version = *version;
        row.created_at = text_cell(result, index, 7);
        row.updated_at = text_cell(result, index, 8);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

struct InstanceReadingConnection::Impl {
    soci::session session;
    // The answer being read: its rows once they came, or why it failed.
    std::optional<Result<std::vector<InstanceRow>, StoreError>> answer;

    PGconn* connection() {
        return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
    }

    StoreError failure(std::string_view what) {
        std::string reason = one_line(PQerrorMessage(connection()));
        if (reason.empty()) reason = "the connection is closed";
        return StoreError{std::string(what) + ": " + reason};
    }
};

InstanceReadingConnection::InstanceReadingConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

InstanceReadingConnection::~InstanceReadingConnection() = default;

Result<std::unique_ptr<InstanceReadingConnection>, StoreError> InstanceReadingConnection::open(const DatabaseUrl& url) {
    auto impl = std::make_unique<Impl>();
    const auto refused = [&url](const std::string& reason) {
        return fail(StoreError{"reading instances from " + url.redacted() + ": " + reason});
    };
    try {
        open_connection(impl->session, long_lived_url(url, "seminarflow reader"), ConnectionSettings{});
    } catch (const soci::soci_error& error) {
        return refused(connection_error(error.what()));
    }
    PGconn* connection = impl->connection();
    const std::string sql =
        instance_columns(DatabaseBackend::postgresql) + " FROM instances WHERE id = ANY(CAST($1 AS text[]))";
    PGresult* prepared = PQprepare(connection, statement_name, sql.c_str(), 1, nullptr);
    const bool ready = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    const std::string reason =
        one_line(prepared != nullptr ? PQresultErrorMessage(prepared) : PQerrorMessage(connection));
    PQclear(prepared);
    if (!ready) return refused("cannot prepare the read: " + reason);
    if (PQsetnonblocking(connection, 1) != 0) {
        return refused(impl->failure("cannot make the connection non-blocking").message);
    }
    return std::unique_ptr<InstanceReadingConnection>(new InstanceReadingConnection(std::move(impl)));
}

int InstanceReadingConnection::socket() const { return PQsocket(impl_->connection()); }

int InstanceReadingConnection::backend_pid() const { return PQbackendPID(impl_->connection()); }

bool InstanceReadingConnection::ready() const {
    PGconn* connection = impl_->connection();
    return PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE;
}

Result<Done, StoreError> InstanceReadingConnection::send(std::span<const std::string> ids) {
    const std::string ids_parameter = array_literal(ids);
    const char* values[] = {ids_parameter.c_str()};
    impl_->answer.reset();
    if (PQsendQueryPrepared(impl_->connection(), statement_name, 1, values, nullptr, nullptr, 0) == 0) {
        return fail(impl_->failure("cannot send the read"));
    }
    return Done{};
}

Result<bool, StoreError> InstanceReadingConnection::flush() {
    const int flushed = PQflush(impl_->connection());
    if (flushed < 0) return fail(impl_->failure("cannot send the read"));
    return flushed == 0;
}

Result<std::optional<std::vector<InstanceRow>>, StoreError> InstanceReadingConnection::take_rows() {
    using Rows = std::optional<std::vector<InstanceRow>>;
    PGconn* connection = impl_->connection();
    if (PQconsumeInput(connection) == 0) return fail(impl_->failure("the read's answer is lost"));
    // An answer is one result, then a null that says it is over; only then may the next be sent.
    while (PQisBusy(connection) == 0) {
        PGresult* result = PQgetResult(connection);
        if (result == nullptr) {
            if (!impl_->answer) return fail(impl_->failure("the read has no answer"));
            auto answer = std::move(*impl_->answer);
            impl_->answer.reset();
            if (!answer) return fail(std::move(answer).error());
            return Rows{std::move(answer).value()};
        }
        if (PQresultStatus(result) == PGRES_TUPLES_OK) {
            impl_->answer = read_rows(*result);
        } else {
            impl_->answer = fail(StoreError{"the read failed: " + one_line(PQresultErrorMessage(result))});
        }
        PQclear(result);
    }
    return Rows{};
}

}  // namespace seminarflow
