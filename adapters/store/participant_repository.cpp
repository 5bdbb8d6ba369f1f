// SociStore: an instance's participants (engine/ports/participants.hpp): adding or changing one
// with the answer its Idempotency-Key keeps, in one transaction, and keyset pages of them in
// (kind, ref, role) order, the primary key's, so that a page reads off the key's index.
#include "adapters/store/column_values.hpp"
#include "adapters/store/commit_statements.hpp"
#include "adapters/store/page_size.hpp"
#include "adapters/store/participant_writes.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

std::string participant_columns(DatabaseBackend backend) {
    return "instance_id, kind, ref, role, display_name, " + select_json("contact") + ", language, rsvp, " +
           select_time(backend, "created_at") + ", " + select_time(backend, "updated_at");
}

// A row of participants as SOCI fills it.
struct ParticipantRow {
    std::string instance_id, kind, ref, role, display_name, contact, language, rsvp, created_at, updated_at;

    Result<Participant, StoreError> read() const {
        const auto parsed_kind = parse_participant_kind(kind);
        const auto parsed_rsvp = parse_rsvp(rsvp);
        auto parsed_contact = read_object(contact, "participant contact");
        auto created = read_time(created_at, "participant created_at");
        auto updated = read_time(updated_at, "participant updated_at");
        if (!parsed_kind) return fail(StoreError{"unreadable participant kind in the database: '" + kind + "'"});
        if (!parsed_rsvp) return fail(StoreError{"unreadable participant rsvp in the database: '" + rsvp + "'"});
        if (!parsed_contact) return fail(std::move(parsed_contact).error());
        if (!created) return fail(std::move(created).error());
        if (!updated) return fail(std::move(updated).error());
        return Participant{instance_id,     ParticipantKey{*parsed_kind, ref, role},
                           display_name,    std::move(parsed_contact).value(),
                           language,        *parsed_rsvp,
                           *created,        *updated};
    }
};

void bind_row(soci::statement& statement, ParticipantRow& row) {
    statement.exchange(soci::into(row.instance_id));
    statement.exchange(soci::into(row.kind));
    statement.exchange(soci::into(row.ref));
    statement.exchange(soci::into(row.role));
    statement.exchange(soci::into(row.display_name));
    statement.exchange(soci::into(row.contact));
    statement.exchange(soci::into(row.language));
    statement.exchange(soci::into(row.rsvp));
    statement.exchange(soci::into(row.created_at));
    statement.exchange(soci::into(row.updated_at));
}

// Writes into `participant` the fields `change` sets, leaving the others as they are.
void set_changed_fields(Participant& participant, const ParticipantChange& change) {
    if (change.display_name) participant.display_name = *change.display_name;
    if (change.contact) participant.contact = *change.contact;
    if (change.language) participant.language = *change.language;
    if (change.rsvp) participant.rsvp = *change.rsvp;
}

// The participant `change` makes when none is stored.
Participant new_participant(const ParticipantChange& change) {
    Participant participant{.instance_id = change.instance_id, .key = change.key};
    set_changed_fields(participant, change);
    participant.created_at = change.at;
    participant.updated_at = change.at;
    return participant;
}

// Inserts the participant unless one with its key is stored; true if it did. DO NOTHING rather
// than catching the violation: on PostgreSQL an error aborts the transaction. A concurrent
// insert of the same key makes this wait for it, then do nothing.
bool insert_participant(soci::session& session, const Participant& participant) {
    const std::string kind(participant_kind_name(participant.key.kind));
    const std::string contact = json_column(participant.contact);
    const std::string rsvp(rsvp_name(participant.rsvp));
    const std::string at = time_column(participant.created_at);
    soci::statement insert =
        (session.prepare << "INSERT INTO participants (instance_id, kind, ref, role, display_name, contact, language,"
                            " rsvp, created_at, updated_at) VALUES (:instance_id, :kind, :ref, :role, :display_name,"
                            " :contact, :language, :rsvp, :created_at, :updated_at) ON CONFLICT DO NOTHING",
         soci::use(participant.instance_id), soci::use(kind), soci::use(participant.key.ref),
         soci::use(participant.key.role), soci::use(participant.display_name), soci::use(contact),
         soci::use(participant.language), soci::use(rsvp), soci::use(at), soci::use(at));
    insert.execute(true);
    return insert.get_affected_rows() == 1;
}

// The stored participant with `change`'s key, locked against concurrent changes until the
// transaction ends (SQLite's BEGIN IMMEDIATE already holds the one write lock).
Result<std::optional<Participant>, StoreError> locked_participant(soci::session& session, DatabaseBackend backend,
                                                                  const ParticipantChange& change) {
    const std::string kind(participant_kind_name(change.key.kind));
    ParticipantRow row;
    soci::statement select(session);
    bind_row(select, row);
    select.exchange(soci::use(change.instance_id, "instance_id"));
    select.exchange(soci::use(kind, "kind"));
    select.exchange(soci::use(change.key.ref, "ref"));
    select.exchange(soci::use(change.key.role, "role"));
    select.alloc();
    select.prepare("SELECT " + participant_columns(backend) +
                   " FROM participants WHERE instance_id = :instance_id AND kind = :kind AND ref = :ref"
                   " AND role = :role" +
                   (backend == DatabaseBackend::postgresql ? " FOR UPDATE" : ""));
    select.define_and_bind();
    if (!select.execute(true)) return std::optional<Participant>{};
    auto participant = row.read();
    if (!participant) return fail(std::move(participant).error());
    return std::optional<Participant>{std::move(participant).value()};
}

// `stored` with `change` applied; false if that changes nothing.
bool apply_change(Participant& stored, const ParticipantChange& change) {
    const Participant before = stored;
    set_changed_fields(stored, change);
    const bool changed = stored.display_name != before.display_name || stored.contact != before.contact ||
                         stored.language != before.language || stored.rsvp != before.rsvp;
    if (changed) stored.updated_at = change.at;
    return changed;
}

void update_participant(soci::session& session, const Participant& participant) {
    const std::string kind(participant_kind_name(participant.key.kind));
    const std::string contact = json_column(participant.contact);
    const std::string rsvp(rsvp_name(participant.rsvp));
    const std::string at = time_column(participant.updated_at);
    session << "UPDATE participants SET display_name = :display_name, contact = :contact, language = :language,"
               " rsvp = :rsvp, updated_at = :updated_at WHERE instance_id = :instance_id AND kind = :kind"
               " AND ref = :ref AND role = :role",
        soci::use(participant.display_name), soci::use(contact), soci::use(participant.language), soci::use(rsvp),
        soci::use(at), soci::use(participant.instance_id), soci::use(kind), soci::use(participant.key.ref),
        soci::use(participant.key.role);
}

}  // namespace

bool instance_exists(soci::session& session, const std::string& id) {
    long long found = 0;
    session << "SELECT count(*) FROM instances WHERE id = :id", soci::into(found), soci::use(id);
    return found > 0;
}

Result<ParticipantSaved, StoreError> write_participant_change(soci::session& session, DatabaseBackend backend,
                                                              const ParticipantChange& change) {
    if (!instance_exists(session, change.instance_id)) return ParticipantSaved{ParticipantOutcome::no_instance, {}};
    return upsert_participant(session, backend, change);
}

Result<ParticipantSaved, StoreError> upsert_participant(soci::session& session, DatabaseBackend backend,
                                                        const ParticipantChange& change) {
    if (change.may_create) {
        Participant created = new_participant(change);
        if (insert_participant(session, created)) return ParticipantSaved{ParticipantOutcome::created, created};
    }
    auto stored = locked_participant(session, backend, change);
    if (!stored) return fail(std::move(stored).error());
    if (!*stored) return ParticipantSaved{ParticipantOutcome::no_participant, {}};
    Participant& participant = **stored;
    if (!apply_change(participant, change)) return ParticipantSaved{ParticipantOutcome::unchanged, participant};
    update_participant(session, participant);
    return ParticipantSaved{ParticipantOutcome::updated, participant};
}

namespace {

std::string listing_sql(DatabaseBackend backend, const ParticipantFilter& filter, bool after) {
    std::string sql = "SELECT " + participant_columns(backend) + " FROM participants WHERE instance_id = :instance_id";
    if (filter.role) sql += " AND role = :role";
    if (filter.rsvp) sql += " AND rsvp = :rsvp";
    // Refs page byte by byte on both backends, as the directory's do: PostgreSQL would otherwise
    // sort by the database's collation, which is linguistic on most servers.
    const std::string ref = backend == DatabaseBackend::postgresql ? "ref COLLATE \"C\"" : "ref";
    if (after) sql += " AND (kind, " + ref + ", role) > (:after_kind, :after_ref, :after_role)";
    return sql + " ORDER BY kind, " + ref + ", role LIMIT :limit";
}

// What a listing binds, kept alive while its statement runs.
struct ListingBounds {
    std::string instance_id, role, rsvp, after_kind, after_ref, after_role;
    long long limit = 0;
};

}  // namespace

Result<ParticipantSaved, StoreError> SociStore::save_participant(const ParticipantChange& change,
                                                                 const ParticipantAnswer& answer) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<ParticipantSaved>(
        "save_participant",
        [&](soci::session& session, StatementCache& statements) -> Result<ParticipantSaved, StoreError> {
            Transaction transaction(session, backend);
            auto saved = write_participant_change(session, backend, change);
            if (!saved) return saved;
            if (answer) {
                const std::optional<IdempotencyRecord> record = answer(*saved);
                // Rolled back with everything the change wrote: the first request's answer stands.
                if (record && !insert_idempotency(statements, *record)) {
                    return ParticipantSaved{ParticipantOutcome::idempotency_conflict, {}};
                }
            }
            transaction.commit();
            return saved;
        });
}

Result<std::optional<ParticipantPage>, StoreError> SociStore::list_participants(
    std::string_view instance_id, const ParticipantFilter& filter, const std::optional<ParticipantKey>& after,
    std::size_t limit) {
    using Found = std::optional<ParticipantPage>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Found>("list_participants", [&](soci::session& session) -> Result<Found, StoreError> {
        ListingBounds bounds;
        bounds.instance_id = instance_id;
        if (!instance_exists(session, bounds.instance_id)) return Found{};
        const std::size_t wanted = page_size(limit);
        bounds.limit = rows_to_fetch(wanted);
        ParticipantRow row;
        soci::statement statement(session);
        bind_row(statement, row);
        statement.exchange(soci::use(bounds.instance_id, "instance_id"));
        bounds.role = filter.role.value_or("");
        if (filter.role) statement.exchange(soci::use(bounds.role, "role"));
        if (filter.rsvp) bounds.rsvp = rsvp_name(*filter.rsvp);
        if (filter.rsvp) statement.exchange(soci::use(bounds.rsvp, "rsvp"));
        if (after) {
            bounds.after_kind = participant_kind_name(after->kind);
            bounds.after_ref = after->ref;
            bounds.after_role = after->role;
            statement.exchange(soci::use(bounds.after_kind, "after_kind"));
            statement.exchange(soci::use(bounds.after_ref, "after_ref"));
            statement.exchange(soci::use(bounds.after_role, "after_role"));
        }
        statement.exchange(soci::use(bounds.limit, "limit"));
        statement.alloc();
        statement.prepare(listing_sql(backend, filter, after.has_value()));
        statement.define_and_bind();
        statement.execute(false);

        ParticipantPage page;
        while (statement.fetch()) {
            if (page.items.size() == wanted) {
                page.next = page.items.back().key;
                break;
            }
            auto participant = row.read();
            if (!participant) return fail(std::move(participant).error());
            page.items.push_back(std::move(participant).value());
        }
        return Found{std::move(page)};
    });
}

}  // namespace seminarflow
