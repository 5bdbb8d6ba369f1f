// The instance readers the API's GET /v1/instances/{id} goes through, chosen as serve chooses
// them (instance_reader_choice.hpp) and run on a real io_context: on PostgreSQL a connection of
// its own that reads every id asked for meanwhile in one statement, on SQLite the store's call on
// its threads. Every wait is on the answers (with a generous limit), never on a sleep.
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <soci/soci.h>

#include "adapters/store/instance_reader_choice.hpp"
#include "adapters/store/postgresql_instance_reader.hpp"
#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

constexpr std::chrono::seconds generous{30};

using Found = InstanceReader::Found;

// A reader on an I/O thread of its own, with one blocking thread, as serve runs it.
class ReaderUnderTest {
public:
    template <class Make>
    explicit ReaderUnderTest(Make make) : reader_(make(io_, blocking_)) {
        thread_ = std::thread([this] { io_.run(); });
    }
    ~ReaderUnderTest() {
        reader_.reset();
        idle_.reset();
        thread_.join();
        blocking_.join();
    }

    InstanceReader& reader() { return *reader_; }

    // Asks for every id at once, then waits for every answer; the answers in the order asked.
    std::vector<Found> read(const std::vector<std::string>& ids) {
        std::mutex mutex;
        std::condition_variable answered;
        std::vector<std::optional<Found>> answers(ids.size());
        std::size_t count = 0;
        for (std::size_t index = 0; index < ids.size(); ++index) {
            reader_->find_instance(ids[index], [&, index](Found found) {
                const std::scoped_lock lock(mutex);
                answers[index] = std::move(found);
                ++count;
                answered.notify_all();
            });
        }
        std::unique_lock lock(mutex);
        REQUIRE(answered.wait_for(lock, generous, [&] { return count == ids.size(); }));
        std::vector<Found> found;
        for (auto& answer : answers) found.push_back(std::move(*answer));
        return found;
    }

    Found read(const std::string& id) { return read(std::vector<std::string>{id}).front(); }

private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> idle_{io_.get_executor()};
    boost::asio::thread_pool blocking_{1};
    std::unique_ptr<InstanceReader> reader_;
    std::thread thread_;
};

// The reader serve would use for `url`, over `store`.
auto chosen_for(Store& store, const DatabaseUrl& url) {
    return [&store, url](boost::asio::io_context& io, boost::asio::thread_pool& blocking) {
        return make_instance_reader(io, blocking, store, url);
    };
}

void store_all(Store& store, const std::vector<Instance>& instances) {
    for (const Instance& instance : instances) {
        const auto status = store.commit(test::creation(instance));
        STORE_REQUIRE_OK(status);
        REQUIRE(*status == CommitStatus::committed);
    }
}

// What a GET shows of `stored` (just created), as the reader answered it.
void check_found_as_stored(const Found& found, const Instance& stored) {
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    test::check_shown_as_stored(**found, stored);
}

void check_not_found(const Found& found) {
    STORE_REQUIRE_OK(found);
    CHECK_FALSE(found->has_value());
}

}  // namespace

TEMPLATE_TEST_CASE("an instance reader answers each read with its instance as stored, or with nothing",
                   "[store][reader]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    Instance child = test::seminar(test::new_uuid(), parent.id, "submission");
    child.data = {{"unit", "Công đoàn Sở Tư pháp"}, {"pages", 12}, {"late", false}, {"note", nullptr}};
    store_all(*store, {parent, child});
    ReaderUnderTest reader(chosen_for(*store, database.url()));

    const auto found = reader.read({child.id, test::new_uuid(), parent.id, child.id});
    check_found_as_stored(found[0], child);
    check_not_found(found[1]);
    check_found_as_stored(found[2], parent);
    check_found_as_stored(found[3], child);
}

TEMPLATE_TEST_CASE("an id no instance can have is answered with nothing, and spoils no other read",
                   "[store][reader]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance seminar = test::seminar(test::new_uuid());
    store_all(*store, {seminar});
    ReaderUnderTest reader(chosen_for(*store, database.url()));

    // Not UTF-8, a NUL, quotes and braces that PostgreSQL's array syntax gives meaning to, empty:
    // asked together with a real id, which a statement failing for them would fail too.
    const std::vector<std::string> odd{"\xff\xfe", std::string("a\0b", 3), R"(x","y)", "{}", R"(\)", ""};
    std::vector<std::string> ids = odd;
    ids.push_back(seminar.id);
    const auto found = reader.read(ids);
    for (std::size_t index = 0; index < odd.size(); ++index) {
        INFO("id " << index);
        check_not_found(found[index]);
    }
    check_found_as_stored(found.back(), seminar);
}

TEMPLATE_TEST_CASE("an instance reader answers hundreds of reads asked at once, each with its own instance",
                   "[store][reader]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    std::vector<Instance> seminars;
    for (int n = 0; n < 40; ++n) {
        seminars.push_back(test::seminar(test::new_uuid()));
        seminars.back().data["title"] = "Hội nghị số " + std::to_string(n);
    }
    store_all(*store, seminars);
    ReaderUnderTest reader(chosen_for(*store, database.url()));

    // More than one statement's worth (InstanceReaderOptions::max_batch), unknown ids among them.
    std::vector<std::string> ids;
    for (int round = 0; round < 25; ++round) {
        for (const Instance& seminar : seminars) ids.push_back(seminar.id);
        ids.push_back(test::new_uuid());
    }
    const auto found = reader.read(ids);
    for (std::size_t index = 0; index < ids.size(); ++index) {
        const std::size_t position = index % (seminars.size() + 1);
        if (position == seminars.size()) {
            check_not_found(found[index]);
        } else {
            check_found_as_stored(found[index], seminars[position]);
        }
    }
}

TEMPLATE_TEST_CASE("the PostgreSQL reader connects again after its connection is ended", "[store][reader]",
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance seminar = test::seminar(test::new_uuid());
    store_all(*store, {seminar});
    DatabaseUrl unnamed = database.url();  // the test server's URL names its sessions
    std::erase_if(unnamed.parameters, [](const auto& parameter) { return parameter.first == "application_name"; });
    PostgresqlInstanceReader* postgresql = nullptr;
    ReaderUnderTest reader([&](boost::asio::io_context& io, boost::asio::thread_pool& blocking) {
        auto made = std::make_unique<PostgresqlInstanceReader>(io, blocking, unnamed);
        postgresql = made.get();
        return made;
    });

    check_found_as_stored(reader.read(seminar.id), seminar);
    const int first_pid = postgresql->backend_pid();
    REQUIRE(first_pid > 0);
    // Named apart in pg_stat_activity, for the operator who wonders what the connection is.
    CHECK(test::query_text(database.url(), "SELECT application_name FROM pg_stat_activity WHERE pid = " +
                                               std::to_string(first_pid)) == "seminarflow reader");
    database.server() << "SELECT pg_terminate_backend(" + std::to_string(first_pid) + ")";

    // The read that finds the connection gone is answered with why; the next connects again.
    const Found after_end = reader.read(seminar.id);
    if (!after_end) {
        INFO(after_end.error().message);
        CHECK_FALSE(after_end.error().message.empty());
    }
    check_found_as_stored(reader.read(seminar.id), seminar);
    CHECK(postgresql->backend_pid() != first_pid);
}

TEMPLATE_TEST_CASE("a read the server refuses is answered with why, and the connection serves the next",
                   "[store][reader]", PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance seminar = test::seminar(test::new_uuid());
    store_all(*store, {seminar});
    PostgresqlInstanceReader* postgresql = nullptr;
    ReaderUnderTest reader([&](boost::asio::io_context& io, boost::asio::thread_pool& blocking) {
        auto made = std::make_unique<PostgresqlInstanceReader>(io, blocking, database.url());
        postgresql = made.get();
        return made;
    });
    check_found_as_stored(reader.read(seminar.id), seminar);
    const int pid = postgresql->backend_pid();

    // The prepared read names a column that is gone: PostgreSQL refuses the statement.
    const auto admin = test::connect(database.url());
    *admin << "ALTER TABLE instances RENAME COLUMN state TO stage";
    for (const Found& found : reader.read({seminar.id, test::new_uuid()})) {
        REQUIRE_FALSE(found.ok());
        CHECK_THAT(found.error().message, Catch::Contains("the read failed") && Catch::Contains("state"));
    }
    *admin << "ALTER TABLE instances RENAME COLUMN stage TO state";
    check_found_as_stored(reader.read(seminar.id), seminar);
    CHECK(postgresql->backend_pid() == pid);
}

TEMPLATE_TEST_CASE("a row the PostgreSQL reader cannot read is answered with what is wrong in it", "[store][reader]",
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance seminar = test::seminar(test::new_uuid());
    store_all(*store, {seminar});
    // A version that is no number, in a table no migration would leave (the reader prepares its
    // statement when it first reads, so it reads this one).
    *test::connect(database.url()) << "ALTER TABLE instances RENAME TO instances_kept; "
                                      "CREATE TABLE instances AS SELECT id, workflow, definition_version, state, "
                                      "data, parent_id, 'v2'::text AS version, created_at, updated_at "
                                      "FROM instances_kept";
    ReaderUnderTest reader([&](boost::asio::io_context& io, boost::asio::thread_pool& blocking) {
        return std::make_unique<PostgresqlInstanceReader>(io, blocking, database.url());
    });
    const Found found = reader.read(seminar.id);
    REQUIRE_FALSE(found.ok());
    CHECK_THAT(found.error().message, Catch::Contains("the store holds a corrupt number in version: v2"));
}

TEMPLATE_TEST_CASE("the PostgreSQL reader answers every read with why it cannot connect", "[store][reader]",
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl unreachable = database.unreachable_url();
    ReaderUnderTest reader([&](boost::asio::io_context& io, boost::asio::thread_pool& blocking) {
        return std::make_unique<PostgresqlInstanceReader>(io, blocking, unreachable);
    });

    // Twice: a failed attempt leaves the reader ready to try again at the next read.
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (const Found& found : reader.read({test::new_uuid(), test::new_uuid()})) {
            REQUIRE_FALSE(found.ok());
            CHECK_THAT(found.error().message, Catch::Contains(std::string(TestType::unreachable_reason)));
            CHECK_THAT(found.error().message, Catch::Contains("reading instances from"));
        }
    }
}

}  // namespace seminarflow
