#pragma once
// A group commit batch on PostgreSQL written by ONE statement, however many commits the batch
// holds: the batch goes as one JSON document to seminarflow_commit_batch (migration
// 0010_commit_batch), which moves every instance, appends every history entry and so on, one SQL
// statement per kind of row, and commits as the statement's own transaction. The single writer of
// a batch is bound by round trips, not by the database's work: the savepoint path
// (commit_writer.cpp) sends five or more per commit, this sends one per batch. Internal to
// adapters/store.
//
// It answers what the savepoint path would have answered, or leaves the batch to that path: a
// commit refused by its first check (a version conflict, a timer another node fired) is left out
// of every later statement, so it writes nothing; anything else (a commit refused after an
// earlier check of its own took effect, a key stored by a concurrent request, an error) makes the
// statement fail, which rolls back everything it wrote, and the caller writes the batch one
// commit at a time, each in its own savepoint, which isolates whatever went wrong.
#include <span>
#include <vector>

#include "adapters/store/statement_cache.hpp"
#include "engine/ports/commit.hpp"

namespace seminarflow {

// Whether the batch can be written in bulk: no instance is touched by two of its commits (one
// statement cannot move a row twice, and the second commit must see what the first wrote).
bool bulk_writable(std::span<const Commit* const> batch);

// Writes and commits the batch, outside any transaction of the caller's, and answers each commit
// in the batch's order. A NOTIFY on work_channel (work_announcement.hpp) goes with it if a commit
// that made work for the schedulers committed. Throws soci::soci_error when the batch must be
// written one commit at a time, as when the statement fails: nothing of the batch is then written.
std::vector<CommitStatus> write_in_bulk(StatementCache& statements, std::span<const Commit* const> batch);

}  // namespace seminarflow
