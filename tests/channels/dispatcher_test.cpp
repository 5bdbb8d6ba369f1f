// The dispatcher end to end, on both backends: a seminar's stage change leaves the outbox, goes
// out through the real webhook channel to loopback receivers, is retried, and one receiver that
// hangs holds up none of the others.
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <soci/session.h>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "adapters/channels/webhook/webhook_channel.hpp"
#include "engine/runtime/dispatcher.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/channels/webhook_sink.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"
#include "tests/support/clock_that_throws_once.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// What a test changes in the dispatcher it runs, to make one of its steps throw.
struct Faults {
    Channel* channel = nullptr;   // sends through this instead of the webhook channel
    bool clock_throws_first = false;
    DeliveryWork::JitterSource jitter = [] { return 0.5; };
    Duration lease = std::chrono::seconds(60);
    DispatcherEvents events = {};
    std::size_t max_in_flight = 8;
};

// The dispatcher on an I/O loop of its own and the store's threads, sending through the webhook
// channel, until the test ends. On the system clock: a try's finishing time counts its real
// latency, and the retries here are scheduled at once after it (the timing of retries is
// tests/runtime's, on a clock the test sets). The receivers are on loopback, which it is allowed
// to reach.
template <class Backend>
struct Running {
    Running(test::Engine<Backend>& engine, webhook::WebhookOptions options, Faults faults = {})
        : clock(faults.clock_throws_first ? static_cast<const Clock&>(throwing_clock) : system_clock),
          channel(io, clock, on_loopback(std::move(options))),
          work(*engine.store, clock, engine.ids, DeliveryOptions{.owner = "node-a", .lease = faults.lease},
               std::move(faults.jitter)),
          dispatcher(io, blocking, work, Channels{{"webhook", faults.channel ? faults.channel : &channel}},
                     DispatcherOptions{.poll_interval = std::chrono::milliseconds(20),
                                       .max_in_flight = faults.max_in_flight},
                     std::move(faults.events)) {
        dispatcher.start();
        for (auto& thread : threads) thread = std::thread([this] { io.run(); });
    }
    ~Running() {
        dispatcher.stop();
        guard.reset();
        io.stop();
        for (auto& thread : threads) thread.join();
        blocking.join();
    }

    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    boost::asio::thread_pool blocking{4};
    SystemClock system_clock;
    test::ClockThatThrowsOnce throwing_clock{system_clock};
    const Clock& clock;
    webhook::WebhookChannel channel;
    DeliveryWork work;
    Dispatcher dispatcher;
    std::thread threads[2];

private:
    static webhook::WebhookOptions on_loopback(webhook::WebhookOptions options) {
        options.addresses = test::loopback_allowed();
        return options;
    }
};

// A channel that throws on its first send and answers 200 to every other.
class ChannelThatThrowsOnce final : public Channel {
public:
    void send(DeliveryRequest, Completion done) override {
        if (!thrown_.exchange(true)) throw std::runtime_error("the message could not be rendered");
        done(ChannelOutcome::success(200));
    }

private:
    std::atomic<bool> thrown_{false};
};

// A channel that answers "try again" to its first send and 200 to every other, and counts the
// sends it was given.
class ChannelThatFailsFirst final : public Channel {
public:
    void send(DeliveryRequest, Completion done) override {
        const int number = ++started_;
        {
            const std::scoped_lock lock(mutex_);
            changed_.notify_all();
        }
        done(number == 1 ? ChannelOutcome::retryable(503, "HTTP 503") : ChannelOutcome::success(200));
    }
    // Whether `count` sends have started, waiting up to 10 s for them.
    bool started(int count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return started_ >= count; });
    }

private:
    std::atomic<int> started_{0};
    std::mutex mutex_;
    std::condition_variable changed_;
};

// The reasons the dispatcher gave for what failed: rounds, and tries it could not record.
struct Failures {
    std::mutex mutex;
    std::vector<std::string> reasons;

    DispatcherEvents events() {
        return DispatcherEvents{
            .settled = [this](const Delivery&, const ChannelOutcome&, const Result<SettledAttempt, StoreError>& settled) {
                if (!settled) add(settled.error().message);
            },
            .failed = [this](const StoreError& error) { add(error.message); }};
    }
    void add(std::string reason) {
        const std::scoped_lock lock(mutex);
        reasons.push_back(std::move(reason));
    }
    std::vector<std::string> all() {
        const std::scoped_lock lock(mutex);
        return reasons;
    }
};

// Polls the database until `where` holds for `count` deliveries, for at most 20 s.
bool eventually(const DatabaseUrl& url, const std::string& where, long long count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        if (test::count_rows(url, "deliveries", where) == count) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

template <class Backend>
void plan_seminars(test::Engine<Backend>& engine, int count) {
    for (int i = 0; i < count; ++i) {
        const std::string id = engine.seminar("Hội thảo số " + std::to_string(i + 1));
        engine.apply(id, test::organiser_event("plan", test::plan_payload()));
    }
}

// A steady endpoint for seminar.planned, to the sink's /ok, that takes one send at a time: a slot
// the dispatcher kept would stop every later send.
template <class Backend>
void add_one_at_a_time(test::Engine<Backend>& engine, const test::WebhookSink& sink) {
    Endpoint endpoint = test::webhook_endpoint("steady", {"seminar.planned"}, 1);
    endpoint.url = sink.url("/ok");
    endpoint.secrets = {secret};
    STORE_REQUIRE_OK(engine.store->add_endpoint(endpoint));
}

// An endpoint for seminar.planned whose failed try is retried at once, and once only, taking
// `max_in_flight` sends at a time.
template <class Backend>
void add_retrying_at_once(test::Engine<Backend>& engine, const std::string& name, int max_in_flight) {
    Endpoint endpoint = test::webhook_endpoint(name, {"seminar.planned"}, max_in_flight);
    endpoint.retry_schedule = std::vector<Duration>{Duration(0)};
    STORE_REQUIRE_OK(engine.store->add_endpoint(endpoint));
}

}  // namespace

TEMPLATE_TEST_CASE("a seminar's stage change reaches a signed webhook over https, and a failing one is retried until it takes",
                   "[channels][dispatcher]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::WebhookSink sink({secret}, "DNS:localhost,IP:127.0.0.1");
    Endpoint steady = test::webhook_endpoint("steady", {"seminar.planned"});
    steady.url = sink.tls_url("/ok", "localhost");
    steady.secrets = {secret};
    Endpoint flaky = test::webhook_endpoint("flaky", {"seminar.planned"});
    flaky.url = sink.url("/flaky/2/seminar");
    flaky.secrets = {secret};
    flaky.retry_schedule = std::vector<Duration>{Duration(0), Duration(0), Duration(0)};  // at once, as the clock stands
    STORE_REQUIRE_OK(engine.store->add_endpoint(steady));
    STORE_REQUIRE_OK(engine.store->add_endpoint(flaky));
    plan_seminars(engine, 1);

    // The sink's certificate is signed by a CA of its own, which the operator trusts.
    Running running(engine, webhook::WebhookOptions{.ca_file = sink.ca_file()});
    CHECK(eventually(url, "status = 'delivered'", 2));
    CHECK(test::count_rows(url, "deliveries", "endpoint_id = '" + flaky.id + "' AND attempts = 3") == 1);
    CHECK(test::count_rows(url, "delivery_attempts", "outcome = 'retry' AND status_code = 500") == 2);
    const auto received = sink.received();
    REQUIRE(received.size() == 4);
    // Every try of a delivery carries its one webhook-id, and every request verifies.
    std::set<std::string> flaky_ids;
    for (const auto& request : received) {
        CHECK(request.at("signed_by") == 0);
        // The steady endpoint's requests came over TLS, to the sink's TLS port.
        if (request.at("path") == "/ok") CHECK(request.at("headers").at("host").as_string() == "localhost:" + sink.field("TLS_PORT"));
        if (request.at("path") != "/ok") flaky_ids.insert(std::string(request.at("headers").at("webhook-id").as_string()));
    }
    CHECK(flaky_ids.size() == 1);
}

TEMPLATE_TEST_CASE("a receiver that hangs holds up no other endpoint's deliveries",
                   "[channels][dispatcher]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::WebhookSink sink({secret});
    Endpoint hanging = test::webhook_endpoint("hanging", {"seminar.planned"}, 1);
    hanging.url = sink.url("/hang");
    hanging.secrets = {secret};
    Endpoint healthy = test::webhook_endpoint("healthy", {"seminar.planned"}, 2);
    healthy.url = sink.url("/ok");
    healthy.secrets = {secret};
    STORE_REQUIRE_OK(engine.store->add_endpoint(hanging));
    STORE_REQUIRE_OK(engine.store->add_endpoint(healthy));
    plan_seminars(engine, 5);

    // The hanging receiver would hold a send for a minute; the others all arrive meanwhile.
    Running running(engine, webhook::WebhookOptions{.timeout = std::chrono::seconds(60)});
    CHECK(eventually(url, "status = 'delivered' AND endpoint_id = '" + healthy.id + "'", 5));
    CHECK(test::count_rows(url, "deliveries", "endpoint_id = '" + hanging.id + "' AND lease_owner IS NOT NULL") == 1);
    CHECK(test::count_rows(url, "deliveries", "endpoint_id = '" + hanging.id + "' AND attempts = 0") == 4);
}

TEMPLATE_TEST_CASE("an endpoint's rate limit spaces its sends, and leaves other endpoints at full speed",
                   "[channels][dispatcher]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::WebhookSink sink({secret});
    Endpoint paced = test::webhook_endpoint("paced", {"seminar.planned"}, 10);
    paced.url = sink.url("/ok?paced");
    paced.secrets = {secret};
    paced.rate_limit = 5;  // one send every 200 ms
    STORE_REQUIRE_OK(engine.store->add_endpoint(paced));
    plan_seminars(engine, 4);

    Running running(engine, {});
    CHECK(eventually(url, "status = 'delivered'", 4));
    REQUIRE(sink.received().size() == 4);
    // Four sends at 5 a second: the last starts at least 3 x 200 ms after the first. Measured
    // where the limiter acts, at each try's start: an arrival is no bound, as a first send slowed
    // by its connection arrives late and brings the first and last arrivals closer.
    const std::string span_ms =
        TestType::backend == DatabaseBackend::postgresql
            ? "SELECT CAST(EXTRACT(EPOCH FROM max(started_at) - min(started_at)) * 1000 AS bigint) FROM delivery_attempts"
            : "SELECT CAST(round((julianday(max(started_at)) - julianday(min(started_at))) * 86400000) AS integer) "
              "FROM delivery_attempts";
    // Less 10 ms: the times are kept to the millisecond, and read from the wall clock just after
    // the limiter's steady-clock slot.
    CHECK(test::query_number(*test::connect(url), span_ms) >= 600 - 10);
}

// A step of the dispatcher that throws ends that step, never the dispatcher's loop (loop_step.hpp):
// one endpoint, one send at a time, so that a slot the throw kept would stop every later send.
TEMPLATE_TEST_CASE("a channel that throws makes a failed try and the dispatcher goes on", "[channels][dispatcher]",
                   SqliteBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    add_retrying_at_once(engine, "throws once", 1);
    plan_seminars(engine, 3);

    ChannelThatThrowsOnce throwing;
    Running running(engine, {}, Faults{.channel = &throwing});
    CHECK(eventually(url, "status = 'delivered'", 3));
    CHECK(test::count_rows(url, "delivery_attempts",
                           "outcome = 'retry' AND error = 'the ''webhook'' channel failed unexpectedly: "
                           "the message could not be rendered'") == 1);
}

TEMPLATE_TEST_CASE("a round that throws is reported and the next round delivers", "[channels][dispatcher]",
                   SqliteBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::WebhookSink sink({secret});
    add_one_at_a_time(engine, sink);
    plan_seminars(engine, 2);

    Failures failures;
    Running running(engine, {}, Faults{.clock_throws_first = true, .events = failures.events()});
    CHECK(eventually(url, "status = 'delivered'", 2));
    CHECK(failures.all() == std::vector<std::string>{
                                "handing notifications over and claiming deliveries failed unexpectedly: the clock could not be read"});
}

TEMPLATE_TEST_CASE("a try that cannot be recorded is sent again once its lease runs out", "[channels][dispatcher]",
                   SqliteBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::WebhookSink sink({secret});
    add_one_at_a_time(engine, sink);
    plan_seminars(engine, 2);

    // The first try's retry jitter throws, so it is not recorded; its delivery stays leased to
    // this node until the lease runs out, then goes out again.
    Failures failures;
    auto draws = std::make_shared<std::atomic<int>>(0);
    Running running(engine, {},
                    Faults{.jitter = [draws]() -> double {
                               if (draws->fetch_add(1) == 0) throw std::runtime_error("no randomness");
                               return 0.5;
                           },
                           .lease = std::chrono::milliseconds(300),
                           .events = failures.events()});
    CHECK(eventually(url, "status = 'delivered'", 2));
    CHECK(sink.received().size() == 3);
    CHECK(failures.all() == std::vector<std::string>{"recording tries failed unexpectedly: no randomness"});
}

TEMPLATE_TEST_CASE("a send's slot is free once its answer came, while its try is still being recorded",
                   "[channels][dispatcher]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    add_retrying_at_once(engine, "two at a time", 2);
    plan_seminars(engine, 2);

    // One send at a time on this node. The first try failed, so recording it draws the retry's
    // jitter: the draw waits for the second send, which starts only if the first one's slot was
    // freed when its answer came rather than once its try is recorded.
    ChannelThatFailsFirst channel;
    auto second_started_first = std::make_shared<std::atomic<bool>>(false);
    auto draws = std::make_shared<std::atomic<int>>(0);
    Running running(engine, {},
                    Faults{.channel = &channel,
                           .jitter = [&channel, draws, second_started_first]() -> double {
                               if (draws->fetch_add(1) == 0) *second_started_first = channel.started(2);
                               return 0.5;
                           },
                           .max_in_flight = 1});
    CHECK(eventually(url, "status = 'delivered'", 2));
    CHECK(*second_started_first);
}

}  // namespace seminarflow
