// SociStore: changing and removing one entry of the organisation's directory
// (engine/ports/directory.hpp). The entry is read, patched and checked
// (engine/directory/directory_change.hpp) and written in one transaction, serialised with every
// other directory write, so that two committees moving units at once cannot each pass the cycle
// check against the other's old parent and make a circle between them.
#include "adapters/store/column_values.hpp"
#include "adapters/store/directory_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"
#include "engine/directory/directory_change.hpp"

namespace seminarflow {
namespace {

void update_unit(soci::session& session, const Unit& unit) {
    const std::string kind(unit_kind_name(unit.kind));
    const std::string contact = json_column(unit.contact);
    const std::string parent = unit.parent.value_or("");
    soci::indicator parent_indicator = unit.parent ? soci::i_ok : soci::i_null;
    const std::string time = time_column(unit.updated_at);
    session << "UPDATE units SET kind = :kind, name = :name, parent = :parent, contact = :contact,"
               " language = :language, updated_at = :updated_at WHERE ref = :ref",
        soci::use(kind), soci::use(unit.name), soci::use(parent, parent_indicator), soci::use(contact),
        soci::use(unit.language), soci::use(time), soci::use(unit.ref);
}

void update_person(soci::session& session, const Person& person) {
    const std::string contact = json_column(person.contact);
    const std::string unit = person.unit.value_or("");
    soci::indicator unit_indicator = person.unit ? soci::i_ok : soci::i_null;
    const std::string time = time_column(person.updated_at);
    session << "UPDATE people SET name = :name, unit = :unit, title = :title, contact = :contact,"
               " language = :language, updated_at = :updated_at WHERE ref = :ref",
        soci::use(person.name), soci::use(unit, unit_indicator), soci::use(person.title), soci::use(contact),
        soci::use(person.language), soci::use(time), soci::use(person.ref);
}

std::vector<std::string> member_refs(soci::session& session, const std::string& unit) {
    std::vector<std::string> refs;
    const soci::rowset<std::string> rows =
        (session.prepare << "SELECT ref FROM people WHERE unit = :unit ORDER BY ref", soci::use(unit));
    for (const std::string& ref : rows) refs.push_back(ref);
    return refs;
}

std::vector<std::string> refs_of(const std::vector<Unit>& units) {
    std::vector<std::string> refs;
    for (const Unit& unit : units) refs.push_back(unit.ref);
    return refs;
}

EntryRemoval refused(DirectoryRefusal refusal) { return EntryRemoval{EntryOutcome::refused, std::move(refusal)}; }

template <class Entry>
EntryChange<Entry> refused_change(DirectoryRefusal refusal) {
    return EntryChange<Entry>{EntryOutcome::refused, std::nullopt, std::move(refusal)};
}

}  // namespace

Result<EntryChange<Unit>, StoreError> SociStore::change_unit(std::string_view ref, const UnitPatch& patch, Time at) {
    using Change = EntryChange<Unit>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Change>("change_unit", [&](soci::session& session) -> Result<Change, StoreError> {
        Transaction transaction(session, backend);
        serialise_directory_writes(session, backend);
        auto stored = select_unit(session, backend, std::string(ref));
        if (!stored) return fail(std::move(stored).error());
        if (!*stored) return Change{EntryOutcome::no_entry};
        Unit changed = patched(**stored, patch);
        if (same_content(changed, **stored)) return Change{EntryOutcome::done, std::move(*stored)};
        auto children = select_descendants(session, backend, DescendantQuery{.root = changed.ref, .depth = 1});
        if (!children) return fail(std::move(children).error());
        Lookup<Unit> lookup;
        const auto select = [&](const std::string& unit) { return select_unit(session, backend, unit); };
        auto refusal = unit_change_refusal(
            changed, [&](const std::string& unit) { return lookup.find(select, unit); }, *children);
        if (lookup.error) return fail(std::move(*lookup.error));
        if (refusal) return refused_change<Unit>(std::move(*refusal));
        changed.updated_at = at;
        update_unit(session, changed);
        transaction.commit();
        return Change{EntryOutcome::done, std::move(changed)};
    });
}

Result<EntryChange<Person>, StoreError> SociStore::change_person(std::string_view ref, const PersonPatch& patch,
                                                                 Time at) {
    using Change = EntryChange<Person>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Change>("change_person", [&](soci::session& session) -> Result<Change, StoreError> {
        Transaction transaction(session, backend);
        serialise_directory_writes(session, backend);
        auto stored = select_person(session, backend, std::string(ref));
        if (!stored) return fail(std::move(stored).error());
        if (!*stored) return Change{EntryOutcome::no_entry};
        Person changed = patched(**stored, patch);
        if (same_content(changed, **stored)) return Change{EntryOutcome::done, std::move(*stored)};
        Lookup<Unit> lookup;
        const auto select = [&](const std::string& unit) { return select_unit(session, backend, unit); };
        auto refusal =
            person_change_refusal(changed, [&](const std::string& unit) { return lookup.find(select, unit); });
        if (lookup.error) return fail(std::move(*lookup.error));
        if (refusal) return refused_change<Person>(std::move(*refusal));
        changed.updated_at = at;
        update_person(session, changed);
        transaction.commit();
        return Change{EntryOutcome::done, std::move(changed)};
    });
}

Result<EntryRemoval, StoreError> SociStore::remove_unit(std::string_view ref) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<EntryRemoval>(
        "remove_unit", [&](soci::session& session) -> Result<EntryRemoval, StoreError> {
            const std::string key(ref);
            Transaction transaction(session, backend);
            serialise_directory_writes(session, backend);
            if (!unit_exists(session, key)) return EntryRemoval{EntryOutcome::no_entry};
            auto children = select_descendants(session, backend, DescendantQuery{.root = key, .depth = 1});
            if (!children) return fail(std::move(children).error());
            if (auto refusal = unit_removal_refusal(key, refs_of(*children), member_refs(session, key))) {
                return refused(std::move(*refusal));
            }
            session << "DELETE FROM units WHERE ref = :ref", soci::use(key);
            transaction.commit();
            return EntryRemoval{};
        });
}

Result<EntryRemoval, StoreError> SociStore::remove_person(std::string_view ref) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<EntryRemoval>(
        "remove_person", [&](soci::session& session) -> Result<EntryRemoval, StoreError> {
            // Removed outright rather than marked as having left: what the instances recorded of
            // the person (a participant's name, contact and language, the history's payloads) is
            // their own copy, keyed by the ref with no foreign key, so it stays as it was; and the
            // directory keeps only who can be invited from now on.
            const std::string key(ref);
            Transaction transaction(session, backend);
            serialise_directory_writes(session, backend);
            soci::statement remove = (session.prepare << "DELETE FROM people WHERE ref = :ref", soci::use(key));
            remove.execute(true);
            if (remove.get_affected_rows() == 0) return EntryRemoval{EntryOutcome::no_entry};
            transaction.commit();
            return EntryRemoval{};
        });
}

}  // namespace seminarflow
