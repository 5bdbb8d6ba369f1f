// The email channel against a real SMTP server on loopback (smtp_sink.py, aiosmtpd), which reads
// what arrived with Python's email package: the message intact (headers decoded, both parts, the
// .ics), STARTTLS and implicit TLS with a throwaway certificate, AUTH, and every kind of answer
// read as the right outcome; `done` once per delivery, also when the channel stops.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <atomic>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/value.hpp>

#include "adapters/channels/email/email_channel.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/channels/smtp_sink.hpp"

namespace seminarflow::email {
namespace {

const std::string subject =
    "Nhắc lịch: Hội thảo khoa học “Công đoàn với chuyển đổi số” — Hội trường Liên đoàn Lao động tỉnh, 08:00";
const std::string body = "Kính gửi Đồng chí Nguyễn Văn Kiên,\n\nHội thảo <Công đoàn & chuyển đổi số> bắt đầu lúc "
                         "08:00 ngày 20/03/2027.\nTrân trọng.";

// The relays here are on loopback, which the channel may reach only when allowed.
EmailOptions on_loopback(EmailOptions options = {}) {
    options.addresses = test::loopback_allowed();
    return options;
}

RenderMessage fixed_render() {
    return [](const Notification&, std::string_view language) -> Result<MessageText, std::string> {
        return MessageText{std::string(language), subject, body};
    };
}

Delivery delivery_to(const std::string& url, std::map<std::string, std::string, std::less<>> settings = {},
                     std::vector<std::string> secrets = {}) {
    Delivery delivery;
    delivery.id = "0193a8c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    delivery.attempt = 1;
    delivery.endpoint.id = "e-1";
    delivery.endpoint.channel = "email";
    delivery.endpoint.url = url;
    delivery.endpoint.secrets = std::move(secrets);
    delivery.endpoint.settings = std::move(settings);
    delivery.endpoint.settings.emplace("from", "Ban Tổ chức Hội thảo <bantochuc@congdoan.example>");
    delivery.notification.id = "n-1";
    delivery.notification.instance_id = "0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4";
    delivery.notification.template_name = "seminar.reminder";
    delivery.notification.created_at = *parse_rfc3339("2027-03-19T01:00:00Z");
    delivery.notification.payload = {
        {"workflow", "seminar"},
        {"to", "planned"},
        {"data", {{"title", "Hội thảo: Công đoàn, chuyển đổi số"},
                  {"venue", "Hội trường Liên đoàn Lao động tỉnh; tầng 3"},
                  {"starts_at", "2027-03-20T01:00:00Z"},
                  {"ends_at", "2027-03-20T04:00:00Z"}}}};
    delivery.recipient = Recipient{{ParticipantKind::person, "p-kien", "chair"}, "Đồng chí Nguyễn Văn Kiên",
                                   "kien@congdoan.example", "vi"};
    return delivery;
}

ChannelOutcome send_one(EmailChannel& channel, Delivery delivery) {
    std::promise<ChannelOutcome> answered;
    auto outcome = answered.get_future();
    channel.send({std::move(delivery), *parse_rfc3339("2027-03-19T01:00:05Z")},
                 [&answered](ChannelOutcome result) { answered.set_value(std::move(result)); });
    return outcome.get();
}

// A loopback port nothing listens on: bound, never listening, so a connection is refused.
class RefusingPort {
public:
    RefusingPort() : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        socklen_t size = sizeof address;
        REQUIRE(::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        port_ = ntohs(address.sin_port);
    }
    ~RefusingPort() { ::close(socket_); }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

private:
    int socket_;
    int port_ = 0;
};

std::string text_of(const boost::json::value& value) { return std::string(value.as_string()); }

std::string without_cr(std::string text) {
    std::erase(text, '\r');
    return text;
}

}  // namespace

TEST_CASE("a reminder arrives intact: headers decoded, text and HTML, and the invitation", "[email][smtp]") {
    test::SmtpSink sink;
    EmailChannel channel(fixed_render(), on_loopback());
    const auto outcome = send_one(channel, delivery_to(sink.url(), {{"tls", "opportunistic"}}));
    INFO(outcome.error);
    REQUIRE(outcome.kind == ChannelOutcome::Kind::success);
    CHECK(outcome.status_code == 250);

    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    const auto& message = received[0].as_object();
    CHECK(text_of(message.at("mail_from")) == "bantochuc@congdoan.example");
    CHECK(message.at("rcpt_tos").as_array() == boost::json::array{"kien@congdoan.example"});
    CHECK(text_of(message.at("tls")) == "none");
    CHECK(message.at("longest_header_line").as_int64() <= 76);
    const auto& headers = message.at("headers").as_object();
    CHECK(text_of(headers.at("Subject")) == subject);
    CHECK(text_of(headers.at("From")) == "Ban Tổ chức Hội thảo <bantochuc@congdoan.example>");
    CHECK(text_of(headers.at("To")) == "Đồng chí Nguyễn Văn Kiên <kien@congdoan.example>");
    CHECK(text_of(headers.at("Message-ID")) == "<0193a8c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d@congdoan.example>");
    CHECK(text_of(headers.at("Date")) == "Fri, 19 Mar 2027 01:00:05 +0000");
    CHECK(text_of(headers.at("Content-Language")) == "vi");
    CHECK(message.at("parts").as_array() ==
          boost::json::array{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"});
    CHECK(without_cr(text_of(message.at("text"))) == body);
    const std::string html = text_of(message.at("html"));
    CHECK(html.find("Hội thảo &lt;Công đoàn &amp; chuyển đổi số&gt; bắt đầu") != std::string::npos);

    const auto& calendar = message.at("calendar").as_object();
    CHECK(text_of(calendar.at("method")) == "REQUEST");
    CHECK(text_of(calendar.at("filename")) == "invitation.ics");
    CHECK(text_of(calendar.at("disposition")) == "attachment");
    CHECK(calendar.at("problems").as_array().empty());
    const auto& properties = calendar.at("properties").as_object();
    const auto property = [&](const char* name) { return text_of(properties.at(name).as_array()[0].at("value")); };
    CHECK(property("METHOD") == "REQUEST");
    CHECK(property("UID") == "0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4@seminarflow");
    CHECK(property("DTSTART") == "20270320T010000Z");
    CHECK(property("DTEND") == "20270320T040000Z");
    CHECK(property("SUMMARY") == "Hội thảo: Công đoàn, chuyển đổi số");
    CHECK(property("LOCATION") == "Hội trường Liên đoàn Lao động tỉnh; tầng 3");
    CHECK(property("DESCRIPTION") == body);
    CHECK(property("ORGANIZER") == "mailto:bantochuc@congdoan.example");
    CHECK(property("ATTENDEE") == "mailto:kien@congdoan.example");
    CHECK(text_of(properties.at("ATTENDEE").as_array()[0].at("params")).find("CN=\"Đồng chí Nguyễn Văn Kiên\"") !=
          std::string::npos);
}

TEST_CASE("STARTTLS with AUTH reaches a relay that trusts only a throwaway certificate", "[email][smtp][tls]") {
    test::SmtpSink sink({"--tls", "starttls", "--user", "mailer", "--password", "mật-khẩu 1"});
    EmailChannel channel(fixed_render(), on_loopback());
    const std::map<std::string, std::string, std::less<>> trusted{{"ca_file", sink.ca_file()}};
    const auto outcome = send_one(channel, delivery_to(sink.url("smtp", "mailer"), trusted, {"mật-khẩu 1"}));
    INFO(outcome.error);
    REQUIRE(outcome.kind == ChannelOutcome::Kind::success);
    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    CHECK(text_of(received[0].at("tls")) == "starttls");
    CHECK(text_of(received[0].at("login")) == "mailer");

    // A wrong password is refused for good (535); so is a certificate the channel does not trust.
    const auto denied = send_one(channel, delivery_to(sink.url("smtp", "mailer"), trusted, {"sai"}));
    CHECK(denied.kind == ChannelOutcome::Kind::final_failure);
    CHECK(denied.status_code == 535);
    const auto untrusted = send_one(channel, delivery_to(sink.url("smtp", "mailer"), {}, {"mật-khẩu 1"}));
    CHECK(untrusted.kind == ChannelOutcome::Kind::final_failure);
    CHECK_FALSE(untrusted.error.empty());
    CHECK(sink.received().size() == 1);
}

TEST_CASE("implicit TLS (smtps) reaches the relay encrypted from the first byte", "[email][smtp][tls]") {
    test::SmtpSink sink({"--tls", "implicit"});
    EmailChannel channel(fixed_render(), on_loopback());
    const auto outcome = send_one(channel, delivery_to(sink.url("smtps"), {{"ca_file", sink.ca_file()}}));
    INFO(outcome.error);
    REQUIRE(outcome.kind == ChannelOutcome::Kind::success);
    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    CHECK(text_of(received[0].at("tls")) == "implicit");
}

TEST_CASE("TLS required of a relay that offers no STARTTLS sends nothing, for good", "[email][smtp][tls]") {
    test::SmtpSink sink;
    EmailChannel channel(fixed_render(), on_loopback());
    const auto outcome = send_one(channel, delivery_to(sink.url()));  // tls: required, the default
    CHECK(outcome.kind == ChannelOutcome::Kind::final_failure);
    CHECK_FALSE(outcome.error.empty());
    CHECK(sink.received().empty());
}

TEST_CASE("a busy mailbox is tried again, a missing one is not, and no relay is tried again", "[email][smtp]") {
    test::SmtpSink sink;
    EmailChannel channel(fixed_render(), on_loopback());
    const std::map<std::string, std::string, std::less<>> opportunistic{{"tls", "opportunistic"}};

    REQUIRE(sink.command("rcpt 451 4.3.0 mailbox busy, try later") == "ok");
    const auto busy = send_one(channel, delivery_to(sink.url(), opportunistic));
    CHECK(busy.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK(busy.status_code == 451);

    REQUIRE(sink.command("rcpt 550 5.1.1 no such mailbox") == "ok");
    const auto missing = send_one(channel, delivery_to(sink.url(), opportunistic));
    CHECK(missing.kind == ChannelOutcome::Kind::final_failure);
    CHECK(missing.status_code == 550);
    CHECK(missing.error.find("550") != std::string::npos);

    REQUIRE(sink.command("reset") == "ok");
    REQUIRE(sink.command("data 452 4.3.1 insufficient storage") == "ok");
    const auto full = send_one(channel, delivery_to(sink.url(), opportunistic));
    CHECK(full.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK(full.status_code == 452);
    REQUIRE(sink.command("data 554 5.6.0 message refused") == "ok");
    CHECK(send_one(channel, delivery_to(sink.url(), opportunistic)).kind == ChannelOutcome::Kind::final_failure);
    CHECK(sink.received().empty());

    const RefusingPort closed;
    const auto refused = send_one(channel, delivery_to(closed.url(), opportunistic));
    CHECK(refused.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK_FALSE(refused.status_code.has_value());
}

TEST_CASE("a relay on loopback is refused for good unless allowed, by address and by name", "[email][smtp][ssrf]") {
    test::SmtpSink sink;
    const std::map<std::string, std::string, std::less<>> opportunistic{{"tls", "opportunistic"}};
    EmailChannel refusing(fixed_render());
    const auto literal = send_one(refusing, delivery_to(sink.url(), opportunistic));
    CHECK(literal.kind == ChannelOutcome::Kind::final_failure);
    CHECK(literal.error == "refusing to connect to the relay 127.0.0.1: 127.0.0.1 is a loopback address (an operator "
                           "may allow it in channels.allow_cidrs)");
    // By name: the address libcurl would connect to is what is judged.
    const std::string by_name = "smtp://localhost:" + std::to_string(sink.port());
    const auto named = send_one(refusing, delivery_to(by_name, opportunistic));
    CHECK(named.kind == ChannelOutcome::Kind::final_failure);
    CHECK(named.error.find("refusing to connect to the relay localhost: ") == 0);
    CHECK(named.error.find("127.0.0.1 is a loopback address") != std::string::npos);
    CHECK(sink.received().empty());

    EmailChannel allowed(fixed_render(), EmailOptions{.addresses = channels::AddressPolicy::allowing({"127.0.0.0/8"}).value()});
    CHECK(send_one(allowed, delivery_to(by_name, opportunistic)).kind == ChannelOutcome::Kind::success);
    CHECK(sink.received().size() == 1);
}

TEST_CASE("what cannot become an email fails for good before any relay is reached", "[email]") {
    const RefusingPort closed;
    EmailChannel failing(
        [](const Notification& notification, std::string_view) -> Result<MessageText, std::string> {
            return fail("no template '" + notification.template_name + "' is loaded");
        },
        on_loopback());
    const auto unrendered = send_one(failing, delivery_to(closed.url(), {{"tls", "opportunistic"}}));
    // seminarflow's own problem, not the relay's: not sent, and said so (never held against the endpoint).
    CHECK(unrendered.kind == ChannelOutcome::Kind::not_sent);
    CHECK(unrendered.error == "not sent: seminarflow could not render the message of template 'seminar.reminder' "
                              "(no template 'seminar.reminder' is loaded); the receiver is not at fault. Fix "
                              "config/templates and replay the delivery");

    EmailChannel channel(fixed_render(), on_loopback());
    Delivery nobody = delivery_to(closed.url());
    nobody.recipient.reset();
    CHECK(send_one(channel, nobody).error == "an email delivery names no recipient");
    Delivery misconfigured = delivery_to("smtp://127.0.0.1:1", {{"tls", "sometimes"}});
    const auto refused = send_one(channel, misconfigured);
    CHECK(refused.kind == ChannelOutcome::Kind::final_failure);
    CHECK(refused.error.find("the email endpoint: tls 'sometimes'") == 0);
    Delivery forged = delivery_to(closed.url());
    forged.recipient->address = "kien@congdoan.example>\r\nRCPT TO:<other@example.org";
    CHECK(send_one(channel, forged).error.find("the recipient's address") == 0);
}

TEST_CASE("every send is answered once, also those still queued when the channel stops", "[email]") {
    const RefusingPort closed;
    constexpr int sends = 24;
    std::vector<std::atomic<int>> calls(sends);
    std::atomic<int> retryable{0};
    {
        EmailChannel channel(fixed_render(), on_loopback(EmailOptions{.timeout = std::chrono::milliseconds(2000), .threads = 1}));
        for (int i = 0; i < sends; ++i) {
            channel.send({delivery_to(closed.url(), {{"tls", "opportunistic"}}), Time{}},
                         [&calls, &retryable, i](ChannelOutcome outcome) {
                             ++calls[static_cast<std::size_t>(i)];
                             if (outcome.kind == ChannelOutcome::Kind::retryable_failure) ++retryable;
                         });
        }
    }
    for (const auto& count : calls) CHECK(count.load() == 1);
    CHECK(retryable.load() == sends);  // refused, or not started: either way, try again later
}

}  // namespace seminarflow::email
