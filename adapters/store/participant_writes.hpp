#pragma once
// The participants' upsert as a step of a transaction someone else holds: one participant saved
// (participant_repository.cpp) or many (an invitation of a district's units, unit_invitations.cpp),
// by the same rules. Internal to adapters/store (it shows SOCI).
#include <soci/soci.h>

#include "adapters/store/database_url.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

bool instance_exists(soci::session& session, const std::string& id);

// Writes `change` into the open transaction; what it came to (no_instance: nothing written).
Result<ParticipantSaved, StoreError> write_participant_change(soci::session& session, DatabaseBackend backend,
                                                              const ParticipantChange& change);

// write_participant_change for an instance the caller has found already (an invitation writes
// many participants of one instance, and looks it up once).
Result<ParticipantSaved, StoreError> upsert_participant(soci::session& session, DatabaseBackend backend,
                                                        const ParticipantChange& change);

}  // namespace seminarflow
