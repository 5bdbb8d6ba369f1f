#pragma once
// Writing one commit into an open transaction, a statement per row: the path of every commit on
// SQLite, and on PostgreSQL of the batches the bulk writer hands back. Internal to adapters/store.
#include "adapters/store/statement_cache.hpp"
#include "engine/ports/commit.hpp"

namespace seminarflow {

// Writes `commit` into the open transaction: a refusal returns before anything of it is written
// except what the statement that refused it changed (nothing: its row count was 0), and the
// caller rolls back whatever the commit wrote before a refusal or an exception. Throws
// soci::soci_error as the statements do.
CommitStatus write_commit(StatementCache& statements, const Commit& commit);

// Keeps the answer to a request sent with an Idempotency-Key; false (nothing written) if another
// request stored the key first.
bool insert_idempotency(StatementCache& statements, const IdempotencyRecord& record);

}  // namespace seminarflow
