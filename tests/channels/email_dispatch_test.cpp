// The dispatcher with the real email channel and a local SMTP server, on both backends: it claims
// no more email deliveries than the channel's threads can start at once, so that none waits in
// the channel's queue while its lease runs out (and another node sends it a second time).
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <thread>

#include "adapters/channels/email/email_channel.hpp"
#include "engine/runtime/dispatcher.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/channels/smtp_sink.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

email::RenderMessage fixed_render() {
    return [](const Notification&, std::string_view language) -> Result<email::MessageText, std::string> {
        return email::MessageText{std::string(language), "Đã lên kế hoạch: Tọa đàm", "Kính gửi các đồng chí."};
    };
}

// Polls until `holds` is true, for at most 20 s.
template <class Condition>
bool eventually(Condition holds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        if (holds()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

void seat_organiser(SociStore& store, const std::string& instance_id, int number) {
    const std::string n = std::to_string(number);
    const ParticipantChange change{.instance_id = instance_id,
                                   .key = {ParticipantKind::person, "p-" + n, "organiser"},
                                   .display_name = "Ủy viên " + n,
                                   .contact = boost::json::object{{"email", "uyvien" + n + "@congdoan.example"}},
                                   .language = "vi",
                                   .at = *parse_rfc3339("2026-08-04T01:30:00Z")};
    STORE_REQUIRE_OK(store.save_participant(change, [](const ParticipantSaved&) { return std::nullopt; }));
}

}  // namespace

TEMPLATE_TEST_CASE("the dispatcher claims no more email deliveries than the channel's threads can start",
                   "[channels][dispatcher][email]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    test::SmtpSink sink;
    REQUIRE(sink.command("hold") == "ok");
    Endpoint mail = test::webhook_endpoint("mail", {"seminar.planned"}, 10);
    mail.channel = "email";
    mail.url = sink.url();
    mail.secrets = {};
    mail.settings = {{"from", "Ban Tổ chức <bantochuc@congdoan.example>"}, {"tls", "opportunistic"}};
    STORE_REQUIRE_OK(engine.store->add_endpoint(mail));
    const std::string seminar = engine.seminar("Tọa đàm khối doanh nghiệp");
    for (int number = 1; number <= 5; ++number) seat_organiser(*engine.store, seminar, number);
    engine.apply(seminar, test::organiser_event("plan", test::plan_payload()));

    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    boost::asio::thread_pool blocking{4};
    SystemClock clock;
    email::EmailChannel channel(fixed_render(), email::EmailOptions{.timeout = std::chrono::seconds(60),
                                                                    .threads = 2,
                                                                    .addresses = test::loopback_allowed()});
    DeliveryWork work(*engine.store, clock, engine.ids, DeliveryOptions{.owner = "node-a"}, [] { return 0.5; });
    Dispatcher dispatcher(io, blocking, work, Channels{{"email", &channel}},
                          DispatcherOptions{.poll_interval = std::chrono::milliseconds(20), .max_in_flight = 8});
    dispatcher.start();
    std::thread thread([&io] { io.run(); });

    // Two exchanges reach the relay, which holds them; the other three deliveries are not claimed
    // (no lease to run out while they would wait for a thread), though the endpoint allows ten.
    const bool two_held = eventually([&] { return sink.command("held") == "2"; });
    CHECK(two_held);
    CHECK(test::count_rows(url, "deliveries", "lease_owner IS NOT NULL") == 2);
    CHECK(test::count_rows(url, "deliveries", "attempts = 0") == 3);

    // Let go, every message goes out once, each on its first try.
    REQUIRE(sink.command("release") == "ok");
    CHECK(eventually([&] { return test::count_rows(url, "deliveries", "status = 'delivered'") == 5; }));
    CHECK(test::count_rows(url, "deliveries", "attempts = 1") == 5);
    CHECK(sink.command("count") == "5");

    dispatcher.stop();
    guard.reset();
    io.stop();
    thread.join();
    blocking.join();
}

}  // namespace seminarflow
