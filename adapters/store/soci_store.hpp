#pragma once
// The Store port over SOCI: SQLite (the embedded default) or PostgreSQL, picked by the URL.
// SOCI stays behind a pointer to an implementation: whoever includes this header (the CLI's
// wiring, the tests) compiles none of it.
#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "adapters/store/migration.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

struct SociStoreOptions {
    // Connections kept open, and so the calls that can run at once. Size the thread pool that
    // calls the store to match: a call waits for a free connection.
    std::size_t pool_size = 4;
    // How long a call waits for a free connection before it fails (as a value) instead of
    // hanging a caller forever.
    std::chrono::milliseconds lease_timeout{30'000};
    // SQLite: how long a writer waits for another one before "database is locked".
    std::chrono::milliseconds busy_timeout{5'000};
    // Group commit (group_committer.hpp): at most this many concurrent commits share one
    // transaction. Bounded so that one batch holds its locks for a bounded time and a failed
    // final COMMIT (which fails every commit of the batch) stays small.
    std::size_t max_batch = 256;
    // For tests only; leave it 0. The first batch waits until this many commits are queued
    // (at most 10 s), so that a test knows which commits share a transaction.
    std::size_t hold_first_batch_until = 0;
};

// Every call blocks (run it on the store's thread pool) and may be made from several threads at
// once. Connections open on first use, and again after PostgreSQL dropped one: a database that
// is down makes calls fail with a message, and ping() succeeds again once it is back.
class SociStore final : public Store {
public:
    // With the migrations compiled into this binary. Throws std::invalid_argument for a pool of
    // no connections or a batch of no commits, and std::logic_error if the compiled-in migrations are misnamed (a bug).
    explicit SociStore(DatabaseUrl url, SociStoreOptions options = {});
    // With other migrations: for tests, and for tools that check a migration set.
    SociStore(DatabaseUrl url, SociStoreOptions options, std::vector<Migration> migrations);
    ~SociStore() override;
    SociStore(const SociStore&) = delete;
    SociStore& operator=(const SociStore&) = delete;

    // Parses `url` (see database_url.hpp) and makes the store; connects nothing yet.
    static Result<std::unique_ptr<SociStore>, StoreError> open(std::string_view url, SociStoreOptions options = {});

    Result<MigrationReport, StoreError> migrate() override;
    Result<SchemaStatus, StoreError> schema_status() override;
    Result<bool, StoreError> ping() override;

    // definition_repository.cpp
    Result<Done, StoreError> save_definitions(const std::vector<DefinitionRecord>& definitions) override;
    Result<std::vector<DefinitionRecord>, StoreError> load_definitions() override;

    // instance_repository.cpp
    Result<std::optional<Instance>, StoreError> load_instance(std::string_view id) override;
    Result<std::vector<Instance>, StoreError> load_instances(std::span<const std::string> ids) override;
    Result<std::vector<HistoryEntry>, StoreError> load_history(std::string_view instance_id, std::int64_t after_seq,
                                                              std::size_t limit) override;
    Result<std::optional<IdempotencyRecord>, StoreError> find_idempotency(std::string_view key) override;

    // instance_listing.cpp
    Result<std::optional<Instance>, StoreError> find_instance(std::string_view id) override;
    Result<InstancePage, StoreError> list_instances(const InstanceFilter& filter,
                                                    const std::optional<InstancePosition>& after,
                                                    std::size_t limit) override;
    Result<BoardPage, StoreError> list_board(const BoardQuery& query) override;

    // instance_summary.cpp
    Result<std::optional<InstanceSummary>, StoreError> summarise_instance(std::string_view id) override;

    // participant_repository.cpp
    Result<ParticipantSaved, StoreError> save_participant(const ParticipantChange& change,
                                                          const ParticipantAnswer& answer) override;
    Result<std::optional<ParticipantPage>, StoreError> list_participants(std::string_view instance_id,
                                                                         const ParticipantFilter& filter,
                                                                         const std::optional<ParticipantKey>& after,
                                                                         std::size_t limit) override;

    // directory_repository.cpp, directory_changes.cpp, directory_listing.cpp, unit_invitations.cpp
    Result<DirectorySaved, StoreError> save_units(const std::vector<Unit>& units) override;
    Result<DirectorySaved, StoreError> save_people(const std::vector<Person>& people) override;
    Result<std::optional<Unit>, StoreError> find_unit(std::string_view ref) override;
    Result<std::optional<Person>, StoreError> find_person(std::string_view ref) override;
    Result<EntryChange<Unit>, StoreError> change_unit(std::string_view ref, const UnitPatch& patch, Time at) override;
    Result<EntryChange<Person>, StoreError> change_person(std::string_view ref, const PersonPatch& patch,
                                                          Time at) override;
    Result<EntryRemoval, StoreError> remove_unit(std::string_view ref) override;
    Result<EntryRemoval, StoreError> remove_person(std::string_view ref) override;
    Result<UnitPage, StoreError> list_units(const UnitFilter& filter, const std::optional<std::string>& after,
                                            std::size_t limit) override;
    Result<std::optional<UnitPage>, StoreError> list_descendants(const DescendantQuery& query,
                                                                 const std::optional<std::string>& after,
                                                                 std::size_t limit) override;
    Result<PersonPage, StoreError> list_people(const PersonFilter& filter, const std::optional<std::string>& after,
                                               std::size_t limit) override;
    Result<InviteResult, StoreError> invite_units(const UnitInvitation& invitation, const InviteAnswer& answer) override;

    // commit_writer.cpp
    Result<CommitStatus, StoreError> commit(const Commit& commit) override;

    // work_claims.cpp
    Result<std::vector<Timer>, StoreError> claim_due_timers(const std::string& owner, Time now, Time lease_until,
                                                            std::size_t limit) override;
    Result<std::vector<PendingSignal>, StoreError> claim_signals(const std::string& owner, Time now, Time lease_until,
                                                                 std::size_t limit) override;
    Result<std::size_t, StoreError> release_leases(const std::string& owner) override;
    Result<std::optional<Time>, StoreError> next_timer_due() override;

    // endpoint_repository.cpp
    Result<Done, StoreError> add_endpoint(const Endpoint& endpoint) override;
    Result<bool, StoreError> add_endpoint(const Endpoint& endpoint, const IdempotencyRecord& answer) override;
    Result<std::vector<Endpoint>, StoreError> list_endpoints() override;
    Result<std::optional<Endpoint>, StoreError> find_endpoint(std::string_view id) override;
    Result<bool, StoreError> set_endpoint_secrets(std::string_view id, const std::vector<std::string>& secrets,
                                                  Time now) override;
    Result<bool, StoreError> remove_endpoint(std::string_view id) override;

    // delivery_fan_out.cpp, delivery_claims.cpp, delivery_attempts.cpp
    Result<std::size_t, StoreError> fan_out_notifications(Time now, std::size_t limit, IdSource& ids) override;
    // The same default as Store's: a call through either type means the same.
    Result<std::vector<Delivery>, StoreError> claim_due_deliveries(const std::string& owner, Time now,
                                                                   Time lease_until, std::size_t limit,
                                                                   const ChannelRoom& room = {}) override;
    Result<std::vector<AttemptRecorded>, StoreError> record_attempts(
        const std::string& owner, const std::vector<AttemptToRecord>& attempts) override;
    Result<std::optional<Time>, StoreError> next_delivery_due() override;
    // delivery_rounds.cpp
    Result<DeliveryRound, StoreError> run_delivery_round(const DeliveryRoundRequest& request, IdSource& ids) override;

    // delivery_operations.cpp
    Result<std::vector<DeliveryRecord>, StoreError> list_deliveries(const DeliveryFilter& filter) override;
    Result<std::optional<DeliveryRecord>, StoreError> find_delivery(std::string_view id) override;
    Result<std::vector<DeliveryAttempt>, StoreError> list_attempts(std::string_view id) override;
    Result<bool, StoreError> retry_delivery(std::string_view id, Time now) override;
    Result<std::size_t, StoreError> replay_deliveries(Time since, Time now,
                                                      const std::optional<std::string>& endpoint_id) override;
    Result<bool, StoreError> set_endpoint_status(std::string_view id, const std::optional<std::string>& disabled_reason,
                                                 Time now) override;
    Result<bool, StoreError> keep_answer(const IdempotencyRecord& answer) override;

    // token_repository.cpp
    Result<TokenCreation, StoreError> create_token(const ApiToken& token) override;
    Result<std::optional<ApiToken>, StoreError> find_token(std::string_view hash) override;
    Result<std::vector<ApiToken>, StoreError> list_tokens() override;
    Result<bool, StoreError> revoke_token(std::string_view id, Time at) override;
    Result<Done, StoreError> touch_token(std::string_view id, Time at) override;

    const DatabaseUrl& url() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seminarflow
