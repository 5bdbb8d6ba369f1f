// Deliveries to participants (the email channel): a notification fans out to one delivery per
// recipient in its audience with an address, which carries the recipient through claims and
// retries; webhooks still get one. On both backends, and the pure choice of recipients alone.
#include <catch2/catch.hpp>

#include <map>

#include "adapters/store/fan_out_recipients.hpp"
#include "adapters/store/migration.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using test::time_at;

Endpoint email_endpoint(const std::string& name, std::vector<std::string> types = {}) {
    Endpoint endpoint = test::webhook_endpoint(name, std::move(types));
    endpoint.channel = "email";
    endpoint.url = "smtp://127.0.0.1:2525";
    endpoint.secrets = {};
    endpoint.settings = {{"from", "Ban Tổ chức <bantochuc@congdoan.example>"}, {"tls", "opportunistic"}};
    return endpoint;
}

void add_participant(SociStore& store, const std::string& instance_id, ParticipantKind kind, const std::string& ref,
                     const std::string& role, const std::string& name, boost::json::object contact,
                     const std::string& language = "vi") {
    const ParticipantChange change{.instance_id = instance_id,
                                   .key = {kind, ref, role},
                                   .display_name = name,
                                   .contact = std::move(contact),
                                   .language = language,
                                   .at = time_at("2026-11-30T06:00:00Z")};
    const auto saved = store.save_participant(change, [](const ParticipantSaved&) { return std::nullopt; });
    STORE_REQUIRE_OK(saved);
}

// A seminar with one notification addressed to `audience`; returns (instance id, notification id).
std::pair<std::string, std::string> seminar_notification(SociStore& store, std::vector<std::string> audience,
                                                         const std::string& type = "seminar.reminder") {
    const Instance instance = test::seminar(test::new_uuid());
    Commit created = test::creation(instance);
    const std::string id = test::new_uuid();
    created.notifications.push_back({id, instance.id, type, std::move(audience),
                                     {{"workflow", "seminar"}, {"data", instance.data}},
                                     time_at("2026-11-30T07:00:00Z")});
    const auto status = store.commit(created);
    STORE_REQUIRE_OK(status);
    return {instance.id, id};
}

// The committee of the seminar: the chair (who is also a guest, under the same address written
// otherwise), a guest with no email, a member unit reading English, one with an empty address.
void seat_committee(SociStore& store, const std::string& instance_id) {
    add_participant(store, instance_id, ParticipantKind::person, "p-kien", "chair", "Đồng chí Nguyễn Văn Kiên",
                    {{"email", "Kien.Nguyen@CongDoan.example"}, {"telegram", "123"}});
    add_participant(store, instance_id, ParticipantKind::person, "p-kien", "guest", "Nguyễn Văn Kiên",
                    {{"email", "kien.nguyen@congdoan.example"}});
    add_participant(store, instance_id, ParticipantKind::person, "p-lan", "guest", "Trần Thị Lan",
                    {{"telegram", "456"}});
    add_participant(store, instance_id, ParticipantKind::unit, "u-tuphap", "guest", "Công đoàn Sở Tư pháp",
                    {{"email", "vanphong@tuphap.example"}}, "en");
    add_participant(store, instance_id, ParticipantKind::unit, "u-thue", "guest", "Công đoàn Cục Thuế",
                    {{"email", ""}});
}

std::map<std::string, Delivery> by_address(const std::vector<Delivery>& deliveries) {
    std::map<std::string, Delivery> found;
    for (const Delivery& delivery : deliveries) {
        if (delivery.recipient) found.emplace(delivery.recipient->address, delivery);
    }
    return found;
}

}  // namespace

TEMPLATE_TEST_CASE("an email endpoint gets one delivery per recipient in the audience with an address",
                   "[store][deliveries][recipients]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint webhook = test::webhook_endpoint("all");
    const Endpoint email = email_endpoint("mail");
    const Endpoint cancellations = email_endpoint("cancellations", {"seminar.cancelled"});
    for (const Endpoint& endpoint : {webhook, email, cancellations}) STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    const auto [everyone_instance, everyone] = seminar_notification(*store, {});
    const auto [chair_instance, chair_only] = seminar_notification(*store, {"chair"});
    seat_committee(*store, everyone_instance);
    seat_committee(*store, chair_instance);

    test::CountingIds ids;
    STORE_REQUIRE_OK(store->fan_out_notifications(time_at("2026-11-30T07:00:01Z"), 10, ids));
    // The webhook once per notification; the mail endpoint once per address; the other wants none.
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + webhook.id + "' AND recipient_key = ''") == 2);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + email.id + "' AND notification_id = '" + everyone + "'") ==
          2);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + email.id + "' AND notification_id = '" + chair_only +
                                            "' AND recipient_key = 'kien.nguyen@congdoan.example'") == 1);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + cancellations.id + "'") == 0);
    CHECK(count_rows(url, "deliveries") == 5);

    // Claimed, each carries its recipient as it was at fan-out: the first role in key order.
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T07:00:02Z"),
                                               time_at("2026-11-30T07:01:02Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 5);
    std::size_t to_endpoints = 0;
    for (const Delivery& delivery : *claimed) to_endpoints += delivery.recipient ? 0 : 1;
    CHECK(to_endpoints == 2);
    std::vector<Delivery> everyone_claimed;
    for (const Delivery& delivery : *claimed) {
        if (delivery.notification.id == everyone) everyone_claimed.push_back(delivery);
    }
    const auto mails = by_address(everyone_claimed);
    REQUIRE(mails.size() == 2);
    const Recipient& kien = mails.at("Kien.Nguyen@CongDoan.example").recipient.value();
    CHECK(kien.participant == ParticipantKey{ParticipantKind::person, "p-kien", "chair"});
    CHECK(kien.display_name == "Đồng chí Nguyễn Văn Kiên");
    CHECK(kien.language == "vi");
    const Recipient& tuphap = mails.at("vanphong@tuphap.example").recipient.value();
    CHECK(tuphap.participant == ParticipantKey{ParticipantKind::unit, "u-tuphap", "guest"});
    CHECK(tuphap.display_name == "Công đoàn Sở Tư pháp");
    CHECK(tuphap.language == "en");
    CHECK(mails.at("vanphong@tuphap.example").endpoint.settings.at("from") == "Ban Tổ chức <bantochuc@congdoan.example>");
}

TEMPLATE_TEST_CASE("a delivery to a recipient keeps it through a retry, and each recipient has its own tries",
                   "[store][deliveries][recipients]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(email_endpoint("mail")));
    const auto [instance_id, notification] = seminar_notification(*store, {"guest"});
    seat_committee(*store, instance_id);
    test::CountingIds ids;
    STORE_REQUIRE_OK(store->fan_out_notifications(time_at("2026-11-30T07:00:01Z"), 10, ids));
    auto first = store->claim_due_deliveries("node-a", time_at("2026-11-30T07:00:02Z"), time_at("2026-11-30T07:01:00Z"), 10);
    STORE_REQUIRE_OK(first);
    REQUIRE(first->size() == 2);
    const auto mails = by_address(*first);
    const Delivery& refused = mails.at("vanphong@tuphap.example");
    const Delivery& taken = mails.at("kien.nguyen@congdoan.example");
    // A participant who changes address afterwards does not move a delivery already made.
    add_participant(*store, instance_id, ParticipantKind::unit, "u-tuphap", "guest", "Công đoàn Sở Tư pháp",
                    {{"email", "moi@tuphap.example"}}, "en");

    const DeliveryAttempt busy{.delivery_id = refused.id, .attempt = 1, .started_at = time_at("2026-11-30T07:00:02Z"),
                               .status_code = 451, .outcome = AttemptOutcome::retry, .error = "451 mailbox busy"};
    STORE_REQUIRE_OK(store->record_attempt(
        "node-a", busy, {.status = DeliveryStatus::pending, .next_attempt_at = time_at("2026-11-30T07:00:10Z"),
                     .disable_endpoint = std::nullopt}));
    const DeliveryAttempt sent{.delivery_id = taken.id, .attempt = 1, .started_at = time_at("2026-11-30T07:00:02Z"),
                               .status_code = 250, .outcome = AttemptOutcome::success};
    STORE_REQUIRE_OK(store->record_attempt("node-a", sent, {.status = DeliveryStatus::delivered, .next_attempt_at = {}, .disable_endpoint = std::nullopt}));

    auto again = store->claim_due_deliveries("node-b", time_at("2026-11-30T07:00:11Z"), time_at("2026-11-30T07:01:11Z"), 10);
    STORE_REQUIRE_OK(again);
    REQUIRE(again->size() == 1);
    CHECK(again->front().id == refused.id);
    CHECK(again->front().attempt == 2);
    CHECK(again->front().recipient == refused.recipient);
    CHECK(count_rows(url, "deliveries", "status = 'delivered' AND recipient_address = 'kien.nguyen@congdoan.example'") ==
          1);
}

TEMPLATE_TEST_CASE("an email endpoint gets nothing for a notification whose instance is gone or has no one to write to",
                   "[store][deliveries][recipients]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(email_endpoint("mail")));
    const auto [quiet_instance, quiet] = seminar_notification(*store, {"chair"});
    add_participant(*store, quiet_instance, ParticipantKind::person, "p-lan", "chair", "Trần Thị Lan",
                    {{"telegram", "456"}});
    const auto [gone_instance, gone] = seminar_notification(*store, {});
    seat_committee(*store, gone_instance);
    test::connect(url)->once << "DELETE FROM instances WHERE id = '" + gone_instance + "'";
    test::CountingIds ids;
    const auto handed = store->fan_out_notifications(time_at("2026-11-30T07:00:01Z"), 10, ids);
    STORE_REQUIRE_OK(handed);
    CHECK(*handed == 2);
    CHECK(count_rows(url, "deliveries") == 0);
    CHECK(count_rows(url, "outbox", "status = 'delivered'") == 2);
}

TEMPLATE_TEST_CASE("of two participants sharing an address, the one first byte by byte is written to, on both backends",
                   "[store][deliveries][recipients][collation]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    if constexpr (TestType::backend == DatabaseBackend::postgresql) {
        // A database created under a linguistic locale (en_US.UTF-8, vi_VN.UTF-8: what initdb takes
        // from most servers) sorts text that way; the test cluster is C, so the column is made so.
        test::connect(url)->once << "ALTER TABLE participants ALTER COLUMN ref TYPE text COLLATE \"und-x-icu\"";
    }
    const Endpoint email = email_endpoint("mail");
    STORE_REQUIRE_OK(store->add_endpoint(email));
    const auto [instance_id, notification_id] = seminar_notification(*store, {});
    // Byte by byte "Z" (0x5A) comes before "a" (0x61); a linguistic order puts "a" first.
    add_participant(*store, instance_id, ParticipantKind::person, "a-thu-ky", "guest", "Thư ký",
                    {{"email", "vanphong@congdoan.example"}}, "en");
    add_participant(*store, instance_id, ParticipantKind::person, "Z-chanh-van-phong", "guest", "Chánh Văn phòng",
                    {{"email", "vanphong@congdoan.example"}}, "vi");
    test::CountingIds ids;
    STORE_REQUIRE_OK(store->fan_out_notifications(time_at("2026-11-30T07:00:01Z"), 10, ids));
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T07:00:02Z"),
                                               time_at("2026-11-30T07:01:02Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 1);
    const Recipient& recipient = claimed->front().recipient.value();
    CHECK(recipient.participant.ref == "Z-chanh-van-phong");
    CHECK(recipient.display_name == "Chánh Văn phòng");
    CHECK(recipient.language == "vi");
}

TEMPLATE_TEST_CASE("0006 keeps the deliveries and tries a database already had, and their cascade",
                   "[store][deliveries][recipients][migrations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const std::vector<Migration> all = builtin_migrations(TestType::backend).value();
    REQUIRE(all.size() >= 6);
    REQUIRE(all[5].version == 6);
    const std::string endpoint_id = test::new_uuid();
    const std::string at = "'2026-12-01T08:00:00.000Z'";
    {
        SociStore older(url, {}, std::vector<Migration>(all.begin(), all.begin() + 5));
        STORE_REQUIRE_OK(older.migrate());
        const auto session = test::connect(url);
        *session << "INSERT INTO endpoints (id, channel, url, created_at, updated_at) VALUES ('" + endpoint_id +
                        "', 'webhook', 'http://127.0.0.1/hooks', " + at + ", " + at + ")";
        *session << "INSERT INTO outbox (id, instance_id, template, payload, next_attempt_at, created_at) VALUES"
                    " ('n-1', NULL, 'seminar.planned', '{}', " + at + ", " + at + ")";
        *session << "INSERT INTO deliveries (id, notification_id, endpoint_id, status, attempts, next_attempt_at,"
                    " last_status_code, created_at, finished_at) VALUES ('d-1', 'n-1', '" + endpoint_id +
                        "', 'delivered', 1, " + at + ", 204, " + at + ", " + at + ")";
        *session << "INSERT INTO delivery_attempts (delivery_id, attempt, started_at, latency_ms, status_code, outcome,"
                    " response_excerpt, node) VALUES ('d-1', 1, " + at + ", 12, 204, 'success', 'Đã nhận', 'node-a')";
    }
    const auto store = test::migrated_store(url);
    CHECK(count_rows(url, "deliveries", "id = 'd-1' AND status = 'delivered' AND attempts = 1 AND last_status_code = 204"
                                        " AND recipient_key = '' AND recipient_address IS NULL") == 1);
    CHECK(count_rows(url, "delivery_attempts", "delivery_id = 'd-1' AND response_excerpt = 'Đã nhận'") == 1);
    CHECK(store->list_endpoints().value().at(0).settings.empty());
    // A second delivery of the notification to the endpoint itself is still refused.
    CHECK_THROWS(test::connect(url)->once << "INSERT INTO deliveries (id, notification_id, endpoint_id, next_attempt_at,"
                                            " created_at) VALUES ('d-2', 'n-1', '" + endpoint_id + "', " + at + ", " +
                                                at + ")");
    // The tries still hang on their delivery: removing the endpoint takes both.
    STORE_REQUIRE_OK(store->remove_endpoint(endpoint_id));
    CHECK(count_rows(url, "deliveries") == 0);
    CHECK(count_rows(url, "delivery_attempts") == 0);
}

TEST_CASE("recipients are the audience's participants with an address, once per address", "[recipients]") {
    const auto participant = [](ParticipantKind kind, std::string ref, std::string role, boost::json::object contact) {
        Participant p;
        p.key = {kind, std::move(ref), std::move(role)};
        p.display_name = p.key.ref;
        p.contact = std::move(contact);
        p.language = "en";
        return p;
    };
    const std::vector<Participant> participants{
        participant(ParticipantKind::person, "a", "chair", {{"email", "A@x.example"}}),
        participant(ParticipantKind::person, "a", "guest", {{"email", "a@X.example"}}),
        participant(ParticipantKind::person, "b", "guest", {{"email", 42}}),
        participant(ParticipantKind::person, "c", "guest", {{"email", "c@x.example"}}),
        participant(ParticipantKind::unit, "d", "member", {{"telegram", "99"}}),
    };
    const auto addresses = [](const std::vector<Recipient>& recipients) {
        std::vector<std::string> found;
        for (const Recipient& recipient : recipients) found.push_back(recipient.participant.role + ":" + recipient.address);
        return found;
    };
    CHECK(addresses(choose_recipients(participants, {}, "email")) ==
          std::vector<std::string>{"chair:A@x.example", "guest:c@x.example"});
    CHECK(addresses(choose_recipients(participants, {"guest"}, "email")) ==
          std::vector<std::string>{"guest:a@X.example", "guest:c@x.example"});
    CHECK(addresses(choose_recipients(participants, {"member"}, "email")).empty());
    CHECK(addresses(choose_recipients(participants, {"member"}, "telegram")) == std::vector<std::string>{"member:99"});
    CHECK(participant_contact_for("email") == std::optional<std::string_view>("email"));
    CHECK_FALSE(participant_contact_for("webhook").has_value());
}

}  // namespace seminarflow
