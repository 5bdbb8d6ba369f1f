#pragma once
// A group commit batch on PostgreSQL written with one statement per kind of row, however many
// commits the batch holds: one UPDATE moves every instance, one INSERT appends every history
// entry, and so on. The single writer of a batch is bound by round trips, not by the database's
// work: the savepoint path (commit_writer.cpp) sends five or more per commit, this sends about
// five per batch. Internal to adapters/store.
//
// It answers what the savepoint path would have answered, or leaves the batch to that path: a
// commit refused by its first check (a version conflict, a timer another node fired) is left out
// of every later statement, so it writes nothing; anything else (a commit refused after an
// earlier check of its own took effect, a key stored by a concurrent request, an error) makes it
// give up, and the caller rolls the transaction back and writes the batch one commit at a time,
// each in its own savepoint, which isolates whatever went wrong.
#include <optional>
#include <span>
#include <vector>

#include "adapters/store/statement_cache.hpp"
#include "engine/ports/commit.hpp"

namespace seminarflow {

// Whether the batch can be written in bulk: no instance is touched by two of its commits (one
// statement cannot move a row twice, and the second commit must see what the first wrote).
bool bulk_writable(std::span<const Commit* const> batch);

// Writes the batch into the open transaction and answers each commit, in the batch's order;
// nothing when the batch must be written one commit at a time (the caller then rolls back).
// Throws soci::soci_error as the statements do; the caller rolls back then too.
std::optional<std::vector<CommitStatus>> write_in_bulk(StatementCache& statements,
                                                       std::span<const Commit* const> batch);

}  // namespace seminarflow
