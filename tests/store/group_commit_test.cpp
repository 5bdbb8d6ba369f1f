// Group commit: concurrent commits share one transaction (one WAL flush) and each caller still
// gets the answer it would have had alone. The store's test-only option hold_first_batch_until
// makes the first batch wait until a known set of commits is queued, so these cases know which
// commits shared a transaction instead of hoping that threads meet.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <latch>
#include <optional>
#include <thread>

#include <soci/soci.h>

#include "adapters/store/connection.hpp"
#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using Answer = std::optional<Result<CommitStatus, StoreError>>;

// Commits each of `commits` from a thread of its own, all at once, and returns their answers in
// the same order.
std::vector<Answer> commit_concurrently(SociStore& store, const std::vector<Commit>& commits) {
    std::vector<Answer> answers(commits.size());
    std::latch start(static_cast<std::ptrdiff_t>(commits.size()));
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < commits.size(); ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                answers[i] = store.commit(commits[i]);
            });
        }
    }
    return answers;
}

bool is(const Answer& answer, CommitStatus status) {
    return answer && answer->ok() && answer->value() == status;
}

// A store whose first commit batch holds exactly `size` commits.
std::unique_ptr<SociStore> batching_store(const DatabaseUrl& url, std::size_t size) {
    SociStoreOptions options;
    options.pool_size = 2;
    options.hold_first_batch_until = size;
    return std::make_unique<SociStore>(url, options);
}

IdempotencyRecord key_record(std::string key, std::string request_hash) {
    IdempotencyRecord record;
    record.key = std::move(key);
    record.request_hash = std::move(request_hash);
    record.status = 201;
    return record;
}

}  // namespace

TEMPLATE_TEST_CASE("commits that share a transaction each get the answer they would get alone",
                   "[store][commit][group]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto setup = test::migrated_store(url);
    const Instance a = test::seminar(test::new_uuid());
    const Instance b = test::seminar(test::new_uuid());
    const Instance stale = test::seminar(test::new_uuid());
    const Instance contested = test::seminar(test::new_uuid());
    Commit keyed = test::creation(test::seminar(test::new_uuid()));
    keyed.idempotency = key_record("stored", "f00d");
    for (const Commit& commit : {test::creation(a), test::creation(b), test::creation(stale),
                                 test::creation(contested), keyed}) {
        REQUIRE(setup->commit(commit).value() == CommitStatus::committed);
    }

    std::vector<Commit> batch;
    batch.push_back(test::transition(a, 1, "planned", {{"count", 1}}));      // 0: committed
    batch.push_back(test::transition(b, 1, "planned", {{"count", 1}}));      // 1: committed
    batch.push_back(test::transition(stale, 0, "planned", {{"count", 1}}));  // 2: version_conflict
    // 3-6: four steps decided on the same version of one instance: the first to run commits and
    // the three after it see its version, as they would one after the other.
    for (int i = 3; i <= 6; ++i) batch.push_back(test::transition(contested, 1, "planned", {{"count", i}}));
    // 7: a child of a workflow with no saved definition (a foreign key): fails, alone.
    const Instance orphan = test::seminar(test::new_uuid(), std::nullopt, "contest");
    batch.push_back(test::creation(orphan));
    // 8: a request under a key already stored: idempotency_conflict.
    const Instance replayed = test::seminar(test::new_uuid());
    batch.push_back(test::creation(replayed));
    batch.back().idempotency = keyed.idempotency;
    // 9-10: two requests under one new key in the same batch: the second sees the first's key.
    const Instance first_keyed = test::seminar(test::new_uuid());
    const Instance second_keyed = test::seminar(test::new_uuid());
    for (const Instance& instance : {first_keyed, second_keyed}) {
        batch.push_back(test::creation(instance));
        batch.back().idempotency = key_record("new", "beef");
    }

    const auto store = batching_store(url, batch.size());
    const std::vector<Answer> answers = commit_concurrently(*store, batch);

    CHECK(is(answers[0], CommitStatus::committed));
    CHECK(is(answers[1], CommitStatus::committed));
    CHECK(is(answers[2], CommitStatus::version_conflict));
    int contested_commits = 0;
    std::int64_t contested_count = -1;
    for (int i = 3; i <= 6; ++i) {
        CAPTURE(i);
        if (is(answers[i], CommitStatus::committed)) {
            ++contested_commits;
            contested_count = i;
        } else {
            CHECK(is(answers[i], CommitStatus::version_conflict));
        }
    }
    CHECK(contested_commits == 1);
    REQUIRE(answers[7].has_value());
    REQUIRE_FALSE(answers[7]->ok());
    CHECK_THAT(answers[7]->error().message, Catch::Matchers::StartsWith("commit on "));
    CHECK(is(answers[8], CommitStatus::idempotency_conflict));
    CHECK(is(answers[9], CommitStatus::committed) != is(answers[10], CommitStatus::committed));
    CHECK((is(answers[9], CommitStatus::idempotency_conflict) || is(answers[10], CommitStatus::idempotency_conflict)));

    // What is in the database is what the answers say, and nothing of the others.
    CHECK(setup->load_instance(a.id).value()->version == 2);
    CHECK(setup->load_instance(b.id).value()->version == 2);
    CHECK(setup->load_instance(stale.id).value()->version == 1);
    const auto winner = setup->load_instance(contested.id).value();
    CHECK(winner->version == 2);
    CHECK(winner->data.at("count").as_int64() == contested_count);
    CHECK(count_rows(url, "history", "instance_id = '" + contested.id + "'") == 2);
    CHECK(count_rows(url, "history", "instance_id = '" + stale.id + "'") == 1);
    CHECK_FALSE(setup->load_instance(orphan.id).value().has_value());
    CHECK_FALSE(setup->load_instance(replayed.id).value().has_value());
    const bool first_won = is(answers[9], CommitStatus::committed);
    CHECK(setup->load_instance(first_keyed.id).value().has_value() == first_won);
    CHECK(setup->load_instance(second_keyed.id).value().has_value() == !first_won);
    CHECK(setup->find_idempotency("new").value()->instance_id == std::nullopt);
    CHECK(count_rows(url, "idempotency_keys") == 2);
    // 5 created + a, b and the contested one moved + the new-key winner.
    CHECK(count_rows(url, "history") == 5 + 3 + 1);
    CHECK(count_rows(url, "instances") == 5 + 1);

    // The store goes on committing after its held batch.
    CHECK(store->commit(test::transition(a, 2, "done", {})).value() == CommitStatus::committed);
}

TEMPLATE_TEST_CASE("a batch in which every commit is refused or fails writes nothing", "[store][commit][group]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto setup = test::migrated_store(url);
    const Instance seminar = test::seminar(test::new_uuid());
    REQUIRE(setup->commit(test::creation(seminar)).value() == CommitStatus::committed);

    std::vector<Commit> batch;
    batch.push_back(test::transition(seminar, 7, "planned", {}));
    batch.push_back(test::creation(test::seminar(test::new_uuid(), std::nullopt, "contest")));
    Commit duplicate = test::creation(seminar);  // its id is taken
    batch.push_back(duplicate);
    const auto store = batching_store(url, batch.size());
    const std::vector<Answer> answers = commit_concurrently(*store, batch);

    CHECK(is(answers[0], CommitStatus::version_conflict));
    CHECK_FALSE(answers[1]->ok());
    CHECK_FALSE(answers[2]->ok());
    CHECK(count_rows(url, "instances") == 1);
    CHECK(count_rows(url, "history") == 1);
    CHECK(store->commit(test::transition(seminar, 1, "planned", {})).value() == CommitStatus::committed);
}

TEMPLATE_TEST_CASE("concurrent committers on different instances all commit", "[store][commit][group]",
                   SqliteBackend, PostgresqlBackend) {
    constexpr int threads = 16;
    constexpr int steps = 25;
    TestType database;
    const DatabaseUrl& url = database.url();
    // Fewer connections than committers: the committers queue for the writer, not for the pool.
    const auto store = test::migrated_store(url, 2);
    std::vector<Instance> instances;
    for (int t = 0; t < threads; ++t) {
        instances.push_back(test::seminar(test::new_uuid()));
        REQUIRE(store->commit(test::creation(instances.back())).value() == CommitStatus::committed);
    }

    std::vector<std::string> errors(threads);
    std::latch start(threads);
    {
        std::vector<std::jthread> running;
        for (int t = 0; t < threads; ++t) {
            running.emplace_back([&, t] {
                start.arrive_and_wait();
                for (int step = 1; step <= steps; ++step) {
                    auto status = store->commit(test::transition(instances[t], step, "draft", {{"count", step}}));
                    if (!status || *status != CommitStatus::committed) {
                        errors[t] = status ? "not committed at step " + std::to_string(step) : status.error().message;
                        return;
                    }
                }
            });
        }
    }
    for (const auto& error : errors) CHECK(error.empty());
    for (const Instance& instance : instances) {
        const auto loaded = store->load_instance(instance.id).value();
        CHECK(loaded->version == steps + 1);
        CHECK(loaded->data.at("count").as_int64() == steps);
    }
    CHECK(count_rows(url, "history") == threads * (steps + 1));
}

// A COMMIT that fails fails every commit of its batch, and none of them is written: the answers
// wait for it. A deferred constraint trigger makes COMMIT itself fail, which only PostgreSQL has.
TEMPLATE_TEST_CASE("a batch whose COMMIT fails answers every commit in it with the error", "[store][commit][group]",
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto setup = test::migrated_store(url);
    const auto session = test::connect(url);
    execute_script(*session, url.backend, R"sql(
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.event = 'poison' THEN RAISE EXCEPTION 'poisoned batch'; END IF;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER refuse_poison AFTER INSERT ON history DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION refuse_poison();
    )sql");
    std::vector<Commit> batch;
    for (int i = 0; i < 3; ++i) batch.push_back(test::creation(test::seminar(test::new_uuid())));
    batch[1].history[0].event = "poison";
    const auto store = batching_store(url, batch.size());
    const std::vector<Answer> answers = commit_concurrently(*store, batch);
    for (const Answer& answer : answers) {
        REQUIRE(answer.has_value());
        REQUIRE_FALSE(answer->ok());
        CHECK_THAT(answer->error().message, Catch::Matchers::Contains("poisoned batch"));
    }
    CHECK(count_rows(url, "instances") == 0);
    CHECK(count_rows(url, "history") == 0);
    CHECK(store->commit(test::creation(test::seminar(test::new_uuid()))).value() == CommitStatus::committed);
}

}  // namespace seminarflow
