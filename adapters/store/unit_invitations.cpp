// SociStore::invite_units: "every grassroots union of this district" made participants of an
// instance in one transaction, the instance looked up once and each unit written by the
// participants' own upsert (participant_writes.hpp), so that an invitation sent twice adds nobody
// twice and leaves the answers (rsvp) given.
#include "adapters/store/commit_statements.hpp"
#include "adapters/store/directory_rows.hpp"
#include "adapters/store/participant_writes.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

// The participant a unit becomes: named, reachable and spoken to as the directory has it.
ParticipantChange change_for(const UnitInvitation& invitation, const Unit& unit) {
    return ParticipantChange{.instance_id = invitation.instance_id,
                             .key = ParticipantKey{ParticipantKind::unit, unit.ref, invitation.role},
                             .display_name = unit.name,
                             .contact = unit.contact,
                             .language = unit.language,
                             .at = invitation.at};
}

Result<InviteResult, StoreError> invite(soci::session& session, DatabaseBackend backend,
                                        const UnitInvitation& invitation) {
    if (!instance_exists(session, invitation.instance_id)) return InviteResult{InviteOutcome::no_instance};
    if (!unit_exists(session, invitation.units.root)) return InviteResult{InviteOutcome::no_unit};
    auto units = select_descendants(session, backend, invitation.units);
    if (!units) return fail(std::move(units).error());
    InviteResult result{InviteOutcome::done, units->size()};
    for (const Unit& unit : *units) {
        auto saved = upsert_participant(session, backend, change_for(invitation, unit));
        if (!saved) return fail(std::move(saved).error());
        if (saved->outcome == ParticipantOutcome::created) {
            ++result.added;
        } else {
            ++result.already;
        }
    }
    return result;
}

}  // namespace

Result<InviteResult, StoreError> SociStore::invite_units(const UnitInvitation& invitation, const InviteAnswer& answer) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<InviteResult>(
        "invite_units", [&](soci::session& session, StatementCache& statements) -> Result<InviteResult, StoreError> {
            Transaction transaction(session, backend);
            auto result = invite(session, backend, invitation);
            if (!result) return result;
            if (answer) {
                const std::optional<IdempotencyRecord> record = answer(*result);
                // Rolled back with every participant: the first request's answer stands.
                if (record && !insert_idempotency(statements, *record)) {
                    return InviteResult{InviteOutcome::idempotency_conflict};
                }
            }
            transaction.commit();
            return result;
        });
}

}  // namespace seminarflow
