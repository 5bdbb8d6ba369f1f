#pragma once
// Tells the other nodes on one PostgreSQL that a batch of commits made work they may be waiting
// for (engine/ports/work_notifications.hpp): a NOTIFY sent inside the batch's own transaction,
// which PostgreSQL delivers when that transaction commits, and never if it rolls back. The
// listening side is postgresql_work_listener.hpp. Internal to adapters/store (it shows SOCI's
// session type, though not its headers).
#include <span>
#include <string_view>

#include "adapters/store/database_url.hpp"
#include "adapters/store/group_committer.hpp"

namespace soci {
class session;
}

namespace seminarflow {

// The channel: one per database, as PostgreSQL delivers a NOTIFY only to the listeners of the
// database it was sent in.
inline constexpr std::string_view work_channel = "seminarflow_work";

// Sends one NOTIFY in the open transaction on `session` if any commit of `batch` makes work for
// the schedulers (WorkMade::scheduling: a timer or a signal); on SQLite, nothing (one node: nobody
// else to tell). A notification for the outbox alone is not announced: the listeners wake
// schedulers, which would find nothing to do, while the node that committed it wakes its own
// dispatcher and the others' dispatchers find it at their next poll. Call it before the batch's
// COMMIT. A commit that is then refused and rolled back to its savepoint still counted: if others
// of the batch commit, the listeners wake for nothing and find nothing, which costs them one look.
// (A batch written in bulk, bulk_commit_writer.hpp, announces only the commits it wrote.)
// Throws soci::soci_error, as the batch's other statements do.
void announce_work(soci::session& session, DatabaseBackend backend, std::span<QueuedCommit* const> batch);

}  // namespace seminarflow
