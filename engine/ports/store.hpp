#pragma once
// The durable store as the engine sees it. Adapters (adapters/store) implement it over SOCI.
// Every call blocks: callers run it on the store's own thread pool, never on an I/O thread.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/delivery.hpp"
#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/api_tokens.hpp"
#include "engine/ports/board.hpp"
#include "engine/ports/commit.hpp"
#include "engine/ports/directory.hpp"
#include "engine/ports/id_source.hpp"
#include "engine/ports/instance_listing.hpp"
#include "engine/ports/instance_summary.hpp"
#include "engine/ports/participants.hpp"

namespace seminarflow {

struct StoreError {
    std::string message;
};

struct SchemaStatus {
    int current_version = 0;  // the highest migration applied to the database
    int latest_version = 0;   // the highest migration this binary knows
    bool up_to_date() const { return current_version == latest_version; }
};

struct MigrationReport {
    std::vector<int> applied;  // versions applied by this call, in order (empty: nothing to do)
    SchemaStatus status;
};

// A definition as the engine ran it: an instance keeps the version it started with, so the
// store keeps every version's source.
struct DefinitionRecord {
    std::string name;
    int version = 0;
    std::string source;
    std::string checksum;  // sha256 of source, hex
};

struct Done {};

class Store {
public:
    virtual ~Store() = default;
    // Applies pending migrations. Safe when several processes call it at once on one empty
    // database: they serialise on a lock and each migration is applied exactly once.
    virtual Result<MigrationReport, StoreError> migrate() = 0;
    virtual Result<SchemaStatus, StoreError> schema_status() = 0;
    // One round trip to the database, for readiness checks.
    virtual Result<bool, StoreError> ping() = 0;

    // Records the definitions this node runs. A version already stored with the same checksum is
    // left as it is; with another checksum it is refused: a changed file needs a new version.
    virtual Result<Done, StoreError> save_definitions(const std::vector<DefinitionRecord>& definitions) = 0;
    // Every version stored, by name then version: what instances started on older versions run.
    virtual Result<std::vector<DefinitionRecord>, StoreError> load_definitions() = 0;

    // The instance with what its guards read: its children counted by workflow and state, and
    // its parent's data. Nothing if there is no such instance.
    virtual Result<std::optional<Instance>, StoreError> load_instance(std::string_view id) = 0;
    // The instance alone, as the API shows it: without what only its guards read, so one indexed
    // row however many children it has. Nothing if there is no such instance.
    virtual Result<std::optional<Instance>, StoreError> find_instance(std::string_view id) = 0;
    // load_instance for many at once, in one statement: those of `ids` that exist, in no particular
    // order (an id of no instance is left out). For the work a round claimed for many instances.
    virtual Result<std::vector<Instance>, StoreError> load_instances(std::span<const std::string> ids) = 0;
    // Entries with seq > after_seq, oldest first, at most `limit`.
    virtual Result<std::vector<HistoryEntry>, StoreError> load_history(std::string_view instance_id,
                                                                      std::int64_t after_seq, std::size_t limit) = 0;
    virtual Result<std::optional<IdempotencyRecord>, StoreError> find_idempotency(std::string_view key) = 0;
    // Instances matching `filter` that come after `after` (from the first without it), in
    // (created_at, id) order, at most `limit` of them (at least one is asked for).
    virtual Result<InstancePage, StoreError> list_instances(const InstanceFilter& filter,
                                                            const std::optional<InstancePosition>& after,
                                                            std::size_t limit) = 0;
    // The board's events (board.hpp): instances of `query.workflows` after `query.after`, in
    // (created_at, id) order, at most `query.limit`, each with its children's counts; none when
    // no workflow is named.
    virtual Result<BoardPage, StoreError> list_board(const BoardQuery& query) = 0;
    // What instance `id` and the instances under it came to (instance_summary.hpp), counted over
    // its whole tree in a few statements; nothing if there is no such instance.
    virtual Result<std::optional<InstanceSummary>, StoreError> summarise_instance(std::string_view id) = 0;

    // Participants (participants.hpp). Adds or changes one, and writes the answer `answer`
    // makes for what that came to (its Idempotency-Key's record), in one transaction.
    virtual Result<ParticipantSaved, StoreError> save_participant(const ParticipantChange& change,
                                                                  const ParticipantAnswer& answer) = 0;
    // Participants of `instance_id` matching `filter` after `after`, at most `limit` (at least
    // one is asked for); nothing if there is no such instance.
    virtual Result<std::optional<ParticipantPage>, StoreError> list_participants(
        std::string_view instance_id, const ParticipantFilter& filter, const std::optional<ParticipantKey>& after,
        std::size_t limit) = 0;

    // The organisation's directory (directory.hpp). Saves a batch of units (people) all or
    // nothing: a batch refused for its parents, a cycle, an order of kinds, a conflicting ref or
    // a person's unknown unit writes nothing and says which entry. The entries are checked on
    // their own (unit_problem, person_problem) by the caller.
    virtual Result<DirectorySaved, StoreError> save_units(const std::vector<Unit>& units) = 0;
    virtual Result<DirectorySaved, StoreError> save_people(const std::vector<Person>& people) = 0;
    virtual Result<std::optional<Unit>, StoreError> find_unit(std::string_view ref) = 0;
    virtual Result<std::optional<Person>, StoreError> find_person(std::string_view ref) = 0;
    // Applies `patch` to the stored unit (person) `ref` at `at` in one transaction, under the
    // rules of the hierarchy (engine/directory/directory_change.hpp): a refused change writes
    // nothing and says why. The patch's own members are checked by the caller (patch_problem).
    virtual Result<EntryChange<Unit>, StoreError> change_unit(std::string_view ref, const UnitPatch& patch,
                                                              Time at) = 0;
    virtual Result<EntryChange<Person>, StoreError> change_person(std::string_view ref, const PersonPatch& patch,
                                                                  Time at) = 0;
    // Removes the unit `ref`, refused while child units or people hang on it; removes the person
    // `ref`. The participants made of them stay as they are: a participant keeps its own copy of
    // the name, contact and language, and no foreign key to the directory.
    virtual Result<EntryRemoval, StoreError> remove_unit(std::string_view ref) = 0;
    virtual Result<EntryRemoval, StoreError> remove_person(std::string_view ref) = 0;
    // Units matching `filter` whose ref is after `after`, at most `limit`, in ref order.
    virtual Result<UnitPage, StoreError> list_units(const UnitFilter& filter, const std::optional<std::string>& after,
                                                    std::size_t limit) = 0;
    // The same for `query.root`'s descendants; nothing if there is no such unit.
    virtual Result<std::optional<UnitPage>, StoreError> list_descendants(const DescendantQuery& query,
                                                                         const std::optional<std::string>& after,
                                                                         std::size_t limit) = 0;
    virtual Result<PersonPage, StoreError> list_people(const PersonFilter& filter,
                                                       const std::optional<std::string>& after, std::size_t limit) = 0;
    // Makes the units `invitation` selects participants, with the answer `answer` makes, in one
    // transaction; nothing written for no such instance or root unit.
    virtual Result<InviteResult, StoreError> invite_units(const UnitInvitation& invitation,
                                                          const InviteAnswer& answer) = 0;

    // Writes all of `commit` in one transaction, or nothing (see CommitStatus for the refusals
    // that are not errors).
    virtual Result<CommitStatus, StoreError> commit(const Commit& commit) = 0;

    // Work is claimed under a lease: `owner` (a node) holds what it claimed until `lease_until`;
    // if it dies, the lease runs out and another node claims the work again. Claims never block
    // on each other (FOR UPDATE SKIP LOCKED on PostgreSQL).
    //
    // Pending timers due at `now` whose lease is free or expired, earliest first, at most `limit`.
    virtual Result<std::vector<Timer>, StoreError> claim_due_timers(const std::string& owner, Time now,
                                                                    Time lease_until, std::size_t limit) = 0;
    // Pending signals whose lease is free or expired, oldest first, at most `limit`.
    virtual Result<std::vector<PendingSignal>, StoreError> claim_signals(const std::string& owner, Time now,
                                                                         Time lease_until, std::size_t limit) = 0;
    // Lets go of every lease `owner` holds (timers, signals, deliveries it claimed and did not
    // finish), so that other nodes claim them at once instead of when the leases run out: what a
    // node does as it shuts down, once it has stopped claiming. Returns how many it let go.
    virtual Result<std::size_t, StoreError> release_leases(const std::string& owner) = 0;
    // When the earliest pending timer is due, to sleep until then; nothing if none is pending.
    virtual Result<std::optional<Time>, StoreError> next_timer_due() = 0;

    // Endpoints: where notifications are sent (endpoint_repository.cpp in the SOCI adapter).
    virtual Result<Done, StoreError> add_endpoint(const Endpoint& endpoint) = 0;
    // add_endpoint with the answer an Idempotency-Key keeps, in one transaction: false, with
    // nothing written, if another request stored `answer`'s key first (replay its answer).
    virtual Result<bool, StoreError> add_endpoint(const Endpoint& endpoint, const IdempotencyRecord& answer) = 0;
    virtual Result<std::vector<Endpoint>, StoreError> list_endpoints() = 0;  // by creation
    virtual Result<std::optional<Endpoint>, StoreError> find_endpoint(std::string_view id) = 0;
    // Replaces endpoint `id`'s signing secrets (newest first); false if there is no such endpoint.
    virtual Result<bool, StoreError> set_endpoint_secrets(std::string_view id, const std::vector<std::string>& secrets,
                                                          Time now) = 0;
    // Removes it with its deliveries and their attempts; false if there was no such endpoint.
    virtual Result<bool, StoreError> remove_endpoint(std::string_view id) = 0;

    // Deliveries (delivery_claims.cpp). Hands at most `limit` pending outbox notifications, oldest
    // first, to the enabled endpoints that want them, in one transaction: one delivery per
    // (notification, endpoint), due at `now`, with an id from `ids`; each notification is then
    // done in the outbox (with no delivery if no endpoint wanted it). Returns how many
    // notifications it handed over. Concurrent callers never hand one notification over twice.
    virtual Result<std::size_t, StoreError> fan_out_notifications(Time now, std::size_t limit, IdSource& ids) = 0;
    // Pending deliveries due at `now` whose lease is free or expired (a dead node's), to enabled
    // endpoints, endpoint by endpoint (the one waiting longest first), each one's earliest first,
    // at most `limit`, leased to `owner` until `lease_until`. An
    // endpoint never has more than its max_in_flight deliveries under live leases, over all
    // nodes: one slow receiver holds that many and no more. Of the deliveries to endpoints of a
    // channel `room` names, at most that many (this node's room for them: Channel::capacity).
    virtual Result<std::vector<Delivery>, StoreError> claim_due_deliveries(const std::string& owner, Time now,
                                                                           Time lease_until, std::size_t limit,
                                                                           const ChannelRoom& room = {}) = 0;
    // Records a try and what it leaves the delivery in (and disables its endpoint if the
    // settlement says so), in one transaction, and lets go of the lease. False, with nothing
    // written, if `owner` no longer holds the delivery (its lease ran out and another node took it).
    // The same transaction keeps the endpoint's failure span (Endpoint::failing_since) and, if the
    // try disables the endpoint, writes the operators' notification (DeliverySettlement).
    Result<AttemptRecorded, StoreError> record_attempt(const std::string& owner, const DeliveryAttempt& attempt,
                                                       const DeliverySettlement& settlement) {
        auto recorded = record_attempts(owner, {AttemptToRecord{attempt, settlement}});
        if (!recorded) return fail(std::move(recorded).error());
        return std::move(recorded->front());
    }
    // fan_out_notifications, then claim_due_deliveries (those just handed over among the
    // claimable), and when the round was not full next_delivery_due, in ONE transaction: a
    // dispatcher round is one trip to the store and one commit.
    virtual Result<DeliveryRound, StoreError> run_delivery_round(const DeliveryRoundRequest& request,
                                                                 IdSource& ids) = 0;
    // record_attempt for many tries in ONE transaction (group commit: one fsync for all of
    // them), each recorded as if alone and in order, the answers in the same order. A store
    // error leaves none of them written.
    virtual Result<std::vector<AttemptRecorded>, StoreError> record_attempts(
        const std::string& owner, const std::vector<AttemptToRecord>& attempts) = 0;
    // When the earliest pending delivery to an enabled endpoint is due; nothing if none is.
    virtual Result<std::optional<Time>, StoreError> next_delivery_due() = 0;

    // Operators (delivery_operations.cpp). Deliveries matching `filter`, newest first.
    virtual Result<std::vector<DeliveryRecord>, StoreError> list_deliveries(const DeliveryFilter& filter) = 0;
    virtual Result<std::optional<DeliveryRecord>, StoreError> find_delivery(std::string_view id) = 0;
    // Every try of delivery `id`, first first (none for no such delivery).
    virtual Result<std::vector<DeliveryAttempt>, StoreError> list_attempts(std::string_view id) = 0;
    // Sends a failed or dead delivery again: pending, due at `now`. Its tries go on counting, and
    // its schedule goes on from where it stopped (a dead one gets one more try). False if there
    // is no such delivery or it is not failed or dead.
    virtual Result<bool, StoreError> retry_delivery(std::string_view id, Time now) = 0;
    // retry_delivery for every failed or dead delivery made at or after `since` (to endpoint
    // `endpoint_id` only, if given); how many.
    virtual Result<std::size_t, StoreError> replay_deliveries(Time since, Time now,
                                                              const std::optional<std::string>& endpoint_id) = 0;
    // Enables endpoint `id` (no reason; its failure span starts afresh) or disables it for
    // `disabled_reason`; false if there is no such endpoint.
    virtual Result<bool, StoreError> set_endpoint_status(std::string_view id,
                                                         const std::optional<std::string>& disabled_reason, Time now) = 0;

    // API tokens (api_tokens.hpp). Stores `token` as it is; refused while an active token has
    // its name.
    virtual Result<TokenCreation, StoreError> create_token(const ApiToken& token) = 0;
    // The token whose hash is `hash`, revoked or not; nothing if there is none.
    virtual Result<std::optional<ApiToken>, StoreError> find_token(std::string_view hash) = 0;
    // Every token, revoked ones too, oldest first.
    virtual Result<std::vector<ApiToken>, StoreError> list_tokens() = 0;
    // Revokes token `id` at `at`: false if there is no such token or it was revoked already
    // (its first revocation time stays).
    virtual Result<bool, StoreError> revoke_token(std::string_view id, Time at) = 0;
    // Records a use of token `id` at `at`; a later use already recorded stays.
    virtual Result<Done, StoreError> touch_token(std::string_view id, Time at) = 0;

    // Keeps the answer to a request with an Idempotency-Key that changed nothing an engine commit
    // or a call above writes with it (an operator's POST); false if the key was kept already.
    virtual Result<bool, StoreError> keep_answer(const IdempotencyRecord& answer) = 0;
};

}  // namespace seminarflow
