#include "adapters/store/directory_rows.hpp"

#include "adapters/store/column_values.hpp"

namespace seminarflow {
namespace {

std::optional<std::string> optional_ref(const std::string& column) {
    return column.empty() ? std::nullopt : std::optional<std::string>(column);
}

template <class Entry, class Row>
Result<std::optional<Entry>, StoreError> select_one(soci::session& session, const std::string& sql,
                                                   const std::string& ref) {
    Row row;
    soci::statement statement(session);
    row.bind(statement);
    statement.exchange(soci::use(ref, "ref"));
    statement.alloc();
    statement.prepare(sql);
    statement.define_and_bind();
    if (!statement.execute(true)) return std::optional<Entry>{};
    auto entry = row.read();
    if (!entry) return fail(std::move(entry).error());
    return std::optional<Entry>(std::move(entry).value());
}

}  // namespace

std::string unit_columns(DatabaseBackend backend, std::string_view table) {
    const std::string t(table);
    return t + ".ref, " + t + ".kind, " + t + ".name, COALESCE(" + t + ".parent, ''), " + select_json(t + ".contact") +
           ", " + t + ".language, " + select_time(backend, t + ".created_at") + ", " +
           select_time(backend, t + ".updated_at");
}

std::string person_columns(DatabaseBackend backend) {
    return "ref, name, COALESCE(unit, ''), title, " + select_json("contact") + ", language, " +
           select_time(backend, "created_at") + ", " + select_time(backend, "updated_at");
}

void UnitRow::bind(soci::statement& statement) {
    for (std::string* column : {&ref, &kind, &name, &parent, &contact, &language, &created_at, &updated_at}) {
        statement.exchange(soci::into(*column));
    }
}

Result<Unit, StoreError> UnitRow::read() const {
    const auto parsed_kind = parse_unit_kind(kind);
    if (!parsed_kind) return fail(StoreError{"unreadable unit kind in the database: '" + kind + "'"});
    auto parsed_contact = read_object(contact, "unit contact");
    if (!parsed_contact) return fail(std::move(parsed_contact).error());
    auto created = read_time(created_at, "unit created_at");
    if (!created) return fail(std::move(created).error());
    auto updated = read_time(updated_at, "unit updated_at");
    if (!updated) return fail(std::move(updated).error());
    return Unit{ref, *parsed_kind, name, optional_ref(parent), std::move(parsed_contact).value(), language,
                *created, *updated};
}

void PersonRow::bind(soci::statement& statement) {
    for (std::string* column : {&ref, &name, &unit, &title, &contact, &language, &created_at, &updated_at}) {
        statement.exchange(soci::into(*column));
    }
}

Result<Person, StoreError> PersonRow::read() const {
    auto parsed_contact = read_object(contact, "person contact");
    if (!parsed_contact) return fail(std::move(parsed_contact).error());
    auto created = read_time(created_at, "person created_at");
    if (!created) return fail(std::move(created).error());
    auto updated = read_time(updated_at, "person updated_at");
    if (!updated) return fail(std::move(updated).error());
    return Person{ref, name, optional_ref(unit), title, std::move(parsed_contact).value(), language, *created, *updated};
}

bool unit_exists(soci::session& session, const std::string& ref) {
    long long found = 0;
    session << "SELECT count(*) FROM units WHERE ref = :ref", soci::into(found), soci::use(ref);
    return found > 0;
}

void serialise_directory_writes(soci::session& session, DatabaseBackend backend) {
    // The key is "seminarf" in ASCII, plus one (the migrations take the key itself).
    if (backend == DatabaseBackend::postgresql) session << "SELECT pg_advisory_xact_lock(8315172586600362599)";
}

Result<std::optional<Unit>, StoreError> select_unit(soci::session& session, DatabaseBackend backend,
                                                    const std::string& ref) {
    return select_one<Unit, UnitRow>(session, "SELECT " + unit_columns(backend) + " FROM units WHERE ref = :ref", ref);
}

Result<std::optional<Person>, StoreError> select_person(soci::session& session, DatabaseBackend backend,
                                                        const std::string& ref) {
    return select_one<Person, PersonRow>(session, "SELECT " + person_columns(backend) + " FROM people WHERE ref = :ref", ref);
}

}  // namespace seminarflow
