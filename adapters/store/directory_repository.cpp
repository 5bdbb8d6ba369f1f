// SociStore: saving the organisation's directory (engine/ports/directory.hpp). A batch is planned
// (engine/directory/directory_batch.hpp) and written in one transaction: the plan reads what is
// stored inside it, and the directory's writes are serialised (serialise_directory_writes), so
// that two imports at once cannot both see a ref free and both insert it: the second sees the
// first's units, as they are or conflicting.
#include "adapters/store/column_values.hpp"
#include "adapters/store/directory_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"
#include "engine/directory/directory_batch.hpp"

namespace seminarflow {
namespace {

void insert_unit(soci::session& session, const Unit& unit, Time at) {
    const std::string kind(unit_kind_name(unit.kind));
    const std::string contact = json_column(unit.contact);
    const std::string parent = unit.parent.value_or("");
    soci::indicator parent_indicator = unit.parent ? soci::i_ok : soci::i_null;
    const std::string time = time_column(at);
    session << "INSERT INTO units (ref, kind, name, parent, contact, language, created_at, updated_at)"
               " VALUES (:ref, :kind, :name, :parent, :contact, :language, :created_at, :updated_at)",
        soci::use(unit.ref), soci::use(kind), soci::use(unit.name), soci::use(parent, parent_indicator),
        soci::use(contact), soci::use(unit.language), soci::use(time), soci::use(time);
}

void insert_person(soci::session& session, const Person& person, Time at) {
    const std::string contact = json_column(person.contact);
    const std::string unit = person.unit.value_or("");
    soci::indicator unit_indicator = person.unit ? soci::i_ok : soci::i_null;
    const std::string time = time_column(at);
    session << "INSERT INTO people (ref, name, unit, title, contact, language, created_at, updated_at)"
               " VALUES (:ref, :name, :unit, :title, :contact, :language, :created_at, :updated_at)",
        soci::use(person.ref), soci::use(person.name), soci::use(unit, unit_indicator), soci::use(person.title),
        soci::use(contact), soci::use(person.language), soci::use(time), soci::use(time);
}

// Writes what `plan` says of `batch`; what it came to.
template <class Entry, class Insert>
DirectorySaved write_plan(soci::session& session, const std::vector<Entry>& batch, const BatchPlan& plan,
                          Insert insert) {
    DirectorySaved saved{plan.refusal, 0, plan.unchanged};
    if (plan.refusal) return saved;
    for (const std::size_t index : plan.insert_order) {
        // The entry's own time: a batch made in one call shares its caller's "now".
        insert(session, batch[index], batch[index].created_at);
        ++saved.created;
    }
    return saved;
}

}  // namespace

Result<DirectorySaved, StoreError> SociStore::save_units(const std::vector<Unit>& units) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<DirectorySaved>(
        "save_units", [&](soci::session& session) -> Result<DirectorySaved, StoreError> {
            Transaction transaction(session, backend);
            serialise_directory_writes(session, backend);
            Lookup<Unit> lookup;
            const auto select = [&](const std::string& ref) { return select_unit(session, backend, ref); };
            const BatchPlan plan = plan_units(units, [&](const std::string& ref) { return lookup.find(select, ref); });
            if (lookup.error) return fail(std::move(*lookup.error));
            DirectorySaved saved = write_plan(session, units, plan, insert_unit);
            if (!saved.refusal) transaction.commit();
            return saved;
        });
}

Result<DirectorySaved, StoreError> SociStore::save_people(const std::vector<Person>& people) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<DirectorySaved>(
        "save_people", [&](soci::session& session) -> Result<DirectorySaved, StoreError> {
            Transaction transaction(session, backend);
            serialise_directory_writes(session, backend);
            Lookup<Person> people_lookup;
            Lookup<Unit> unit_lookup;
            const auto select_p = [&](const std::string& ref) { return select_person(session, backend, ref); };
            const auto select_u = [&](const std::string& ref) { return select_unit(session, backend, ref); };
            const BatchPlan plan =
                plan_people(people, [&](const std::string& ref) { return people_lookup.find(select_p, ref); },
                            [&](const std::string& ref) { return unit_lookup.find(select_u, ref); });
            if (people_lookup.error) return fail(std::move(*people_lookup.error));
            if (unit_lookup.error) return fail(std::move(*unit_lookup.error));
            DirectorySaved saved = write_plan(session, people, plan, insert_person);
            if (!saved.refusal) transaction.commit();
            return saved;
        });
}

Result<std::optional<Unit>, StoreError> SociStore::find_unit(std::string_view ref) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::optional<Unit>>(
        "find_unit", [&](soci::session& session) { return select_unit(session, backend, std::string(ref)); });
}

Result<std::optional<Person>, StoreError> SociStore::find_person(std::string_view ref) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::optional<Person>>(
        "find_person", [&](soci::session& session) { return select_person(session, backend, std::string(ref)); });
}

}  // namespace seminarflow
