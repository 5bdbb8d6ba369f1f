// The email channel's pure parts: RFC 2047 encoded-words and header folding, mailboxes, the MIME
// message, the .ics invitation, what a delivery composes into, the relay's URL and settings, and
// how the relay's answers read. Decoding here is the test's own; the channel tests have Python's
// email package read what actually arrived.
#include <catch2/catch.hpp>

#include <curl/curl.h>

#include "adapters/channels/email/email_composer.hpp"
#include "adapters/channels/email/header_encoding.hpp"
#include "adapters/channels/email/mail_message.hpp"
#include "adapters/channels/email/smtp_outcome.hpp"
#include "adapters/channels/email/smtp_target.hpp"
#include "engine/exports/icalendar.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow::email {
namespace {

std::string decode_base64(std::string_view text) {
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const std::size_t value = alphabet.find(c);
        if (value == std::string_view::npos) continue;  // '=', line breaks
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = text.find("\r\n");
        REQUIRE(end != std::string_view::npos);  // every line ends with CRLF
        lines.emplace_back(text.substr(0, end));
        text.remove_prefix(end + 2);
    }
    return lines;
}

// Each encoded-word decoded alone must be whole UTF-8; together they give back the text.
std::string decode_words(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) {
        REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
        REQUIRE(word.size() >= 12);
        CHECK(word.size() <= 75);
        const std::string chunk = decode_base64(std::string_view(word).substr(10, word.size() - 12));
        CHECK(valid_utf8(chunk));
        text += chunk;
    }
    return text;
}

const std::string long_subject =
    "Nhắc lịch: Hội thảo khoa học “Công đoàn với chuyển đổi số trong khu vực hành chính sự nghiệp” — "
    "Hội trường Liên đoàn Lao động tỉnh, 08:00 ngày 20/03/2027";

Delivery seminar_delivery(boost::json::object data, std::string to_state = "planned") {
    Delivery delivery;
    delivery.id = "0193a8c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    delivery.notification.id = "n-1";
    delivery.notification.instance_id = "0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4";
    delivery.notification.template_name = "seminar.reminder";
    delivery.notification.payload = {{"workflow", "seminar"}, {"to", to_state}, {"data", std::move(data)}};
    delivery.notification.created_at = *parse_rfc3339("2027-03-19T01:00:00Z");
    delivery.recipient = Recipient{{ParticipantKind::person, "p-kien", "chair"}, "Đồng chí Nguyễn Văn Kiên",
                                   "kien@congdoan.example", "vi"};
    return delivery;
}

const Mailbox committee{"Ban Tổ chức Hội thảo", "bantochuc@congdoan.example"};

}  // namespace

TEST_CASE("a long Vietnamese subject becomes encoded-words on lines of at most 76 characters", "[email]") {
    const std::string field = text_field("Subject", long_subject);
    const auto lines = lines_of(field);
    REQUIRE(lines.size() > 2);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= 76);
        std::string_view line = lines[i];
        if (i == 0) {
            REQUIRE(line.rfind("Subject: ", 0) == 0);
            line.remove_prefix(9);
        } else {
            REQUIRE(line.front() == ' ');  // a continuation line
            line.remove_prefix(1);
        }
        words.emplace_back(line);
    }
    CHECK(decode_words(words) == long_subject);
}

TEST_CASE("encoded-words never split a character, whatever room the line leaves", "[email]") {
    // Four-byte characters (an emoji) and three-byte ones (Vietnamese with two marks) in a row.
    const std::string text = "😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ😀ệ";
    for (std::size_t room = 0; room <= 76; ++room) {
        const auto words = encoded_words(text, room);
        CHECK(decode_words(words) == text);
        if (room >= 20) CHECK(words.front().size() <= room);
    }
    CHECK(encoded_words("", 60).empty());
}

TEST_CASE("plain ASCII stays readable and folds between words, and what looks encoded is encoded", "[email]") {
    CHECK(text_field("Subject", "Seminar reminder") == "Subject: Seminar reminder\r\n");
    const std::string many = std::string(40, 'a') + " " + std::string(40, 'b') + " " + std::string(40, 'c');
    for (const std::string& line : lines_of(text_field("Subject", many))) CHECK(line.size() <= 76);
    CHECK_FALSE(plain_text("=?UTF-8?B?x?="));
    CHECK_FALSE(plain_text("line\r\nBcc: someone@example.org"));
    const std::string injected = text_field("Subject", "hello\r\nBcc: someone@example.org");
    CHECK(lines_of(injected).size() == 1);  // the line break travels inside an encoded-word
}

TEST_CASE("mailboxes are checked, and display names quoted or encoded", "[email]") {
    CHECK(check_address("kien.nguyen+hoithao@congdoan.example").ok());
    CHECK(check_address("a@[127.0.0.1]").ok());
    for (const char* bad : {"", "no-at-sign", "two words@x.example", "a@b.example>\r\nRCPT TO:<c@d.example",
                            ".dot@x.example", "a..b@x.example", "a@", "@x.example", "kiên@x.example", "a@-x.example"}) {
        INFO(bad);
        const auto checked = check_address(bad);
        REQUIRE_FALSE(checked.ok());
        CHECK_FALSE(checked.error().empty());
    }
    const auto named = parse_mailbox("Ban Tổ chức <bantochuc@congdoan.example>");
    REQUIRE(named.ok());
    CHECK(named->display_name == "Ban Tổ chức");
    CHECK(named->address == "bantochuc@congdoan.example");
    CHECK(named->domain() == "congdoan.example");
    CHECK(parse_mailbox("\"Committee\" <c@x.example>")->display_name == "Committee");
    CHECK(parse_mailbox("c@x.example")->display_name.empty());
    CHECK_FALSE(parse_mailbox("Name <c@x.example").ok());
    CHECK_FALSE(parse_mailbox("Na\"me <c@x.example>").ok());
    CHECK_FALSE(parse_mailbox("Name <not an address>").ok());

    HeaderField ascii("To");
    add_mailbox(ascii, {"Le, Van \"Ba\"", "ba@x.example"});
    CHECK(ascii.str() == "To: \"Le, Van \\\"Ba\\\"\" <ba@x.example>\r\n");
    HeaderField plain("To");
    add_mailbox(plain, {"Committee", "c@x.example"});
    CHECK(plain.str() == "To: Committee <c@x.example>\r\n");
    HeaderField vietnamese("From");
    add_mailbox(vietnamese, committee);
    const auto lines = lines_of(vietnamese.str());
    REQUIRE(lines.front().rfind("From: =?UTF-8?B?", 0) == 0);
    CHECK(lines.back().ends_with("<bantochuc@congdoan.example>"));
}

// scripts/fuzz.sh found a subject whose one long word made a header line of over 998 characters.
TEST_CASE("a word or a name too long for a header line goes as encoded-words", "[email]") {
    const std::string word(2000, 'x');
    const std::string subject = "Re: " + word + " end";
    const std::string field = text_field("Subject", subject);
    std::vector<std::string> words;
    for (const std::string& line : lines_of(field)) {
        CHECK(line.size() <= 76);
        words.push_back(line.substr(line.find(' ') + 1));
    }
    CHECK(decode_words(words) == subject);

    HeaderField to("To");
    add_mailbox(to, {std::string(300, 'n'), "a@x.example"});
    const auto lines = lines_of(to.str());
    REQUIRE(lines.size() > 4);
    for (const std::string& line : lines) CHECK(line.size() <= 76);
    CHECK(lines.front().rfind("To: =?UTF-8?B?", 0) == 0);
    CHECK(lines.back().ends_with(" <a@x.example>"));
}

TEST_CASE("HTML escapes what means something in HTML and keeps paragraphs", "[email]") {
    CHECK(escape_html("<b>Tom & \"Jerry\"</b> it's") == "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; it&#39;s");
    const std::string html = html_body("Kính gửi <Đồng chí>,\nDòng hai\n\nĐoạn mới & cuối", "vi", "A < B");
    CHECK(html.find("<html lang=\"vi\">") != std::string::npos);
    CHECK(html.find("<title>A &lt; B</title>") != std::string::npos);
    CHECK(html.find("<p>Kính gửi &lt;Đồng chí&gt;,<br>\nDòng hai</p>\n<p>Đoạn mới &amp; cuối</p>") != std::string::npos);
}

TEST_CASE("dates are written as RFC 5322 and RFC 5545 want them", "[email]") {
    CHECK(mail_date(*parse_rfc3339("2026-11-22T23:25:07.900Z")) == "Sun, 22 Nov 2026 23:25:07 +0000");
    CHECK(mail_date(*parse_rfc3339("2027-03-01T08:00:00+07:00")) == "Mon, 1 Mar 2027 01:00:00 +0000");
    CHECK(utc_date_time(*parse_rfc3339("2027-03-20T08:00:00+07:00")) == "20270320T010000Z");
}

TEST_CASE("iCalendar text is escaped and folded at 75 octets between characters", "[email][ics]") {
    CHECK(escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf");
    const std::string line = "LOCATION:" + escape_text("Hội trường Liên đoàn Lao động tỉnh, tầng 3; phòng họp số 2 — "
                                                       "Số 10 đường Trần Hưng Đạo, thành phố Hải Dương");
    const std::string folded = fold_line(line);
    std::string unfolded;
    const auto lines = lines_of(folded);
    REQUIRE(lines.size() > 1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= 75);
        CHECK(valid_utf8(lines[i]));
        if (i > 0) REQUIRE(lines[i].front() == ' ');
        unfolded += i == 0 ? lines[i] : lines[i].substr(1);
    }
    CHECK(unfolded == line);
    CHECK(fold_line("SHORT:x") == "SHORT:x\r\n");
}

TEST_CASE("a seminar's notification carries a REQUEST whose UID stays with the instance", "[email][ics]") {
    const Delivery delivery = seminar_delivery({{"title", "Hội thảo: Công đoàn, chuyển đổi số; và \\ hơn nữa"},
                                                {"venue", "Hội trường Liên đoàn Lao động tỉnh"},
                                                {"starts_at", "2027-03-20T08:00:00+07:00"},
                                                {"ends_at", "2027-03-20T01:00:00Z"},
                                                {"postponements", 2}});
    const Mailbox kien{"Đồng chí \"Kiên\"", "kien@congdoan.example"};
    const auto event = seminar_event(delivery, committee, kien, {"vi", "Nhắc lịch", "Nội dung"});
    REQUIRE(event);
    CHECK(event->uid == "0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4@seminarflow");
    CHECK(event->sequence == 2);
    CHECK_FALSE(event->ends_at.has_value());  // an end before the start is left out
    const std::string folded = calendar_text(*event);
    for (const std::string& line : lines_of(folded)) CHECK(line.size() <= 75);
    std::string text = folded;  // unfolded, to look for whole properties
    for (std::size_t at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ")) text.erase(at, 3);
    CHECK(text.find("METHOD:REQUEST\r\n") != std::string::npos);
    CHECK(text.find("DTSTART:20270320T010000Z\r\n") != std::string::npos);
    CHECK(text.find("DTSTAMP:20270319T010000Z\r\n") != std::string::npos);
    CHECK(text.find("SUMMARY:Hội thảo: Công đoàn\\, chuyển đổi số\\; và \\\\ hơn nữa\r\n") != std::string::npos);
    CHECK(text.find("ATTENDEE;CN=\"Đồng chí Kiên\";ROLE=REQ-PARTICIPANT") != std::string::npos);
    CHECK(text.find("STATUS:CONFIRMED") != std::string::npos);

    const auto cancelled = seminar_event(seminar_delivery({{"title", "Hội thảo"}, {"starts_at", "2027-03-20T01:00:00Z"},
                                                           {"ends_at", "2027-03-20T04:00:00Z"}},
                                                          "cancelled"),
                                         committee, kien, {"vi", "Hủy", ""});
    REQUIRE(cancelled);
    CHECK(cancelled->sequence == 1);
    const std::string cancel_text = calendar_text(*cancelled);
    CHECK(cancel_text.find("METHOD:CANCEL\r\n") != std::string::npos);
    CHECK(cancel_text.find("DTEND:20270320T040000Z\r\n") != std::string::npos);
    CHECK(cancel_text.find("STATUS:CANCELLED\r\n") != std::string::npos);
}

TEST_CASE("only a seminar with a start has an invitation", "[email][ics]") {
    const MessageText text{"vi", "s", "b"};
    CHECK_FALSE(seminar_event(seminar_delivery({{"title", "Chưa có ngày"}}), committee, committee, text));
    CHECK_FALSE(seminar_event(seminar_delivery({{"starts_at", "not a time"}}), committee, committee, text));
    Delivery directive = seminar_delivery({{"starts_at", "2027-03-20T01:00:00Z"}});
    directive.notification.payload["workflow"] = "directive";
    CHECK_FALSE(seminar_event(directive, committee, committee, text));
}

TEST_CASE("a delivery composes into a multipart message with the invitation attached", "[email]") {
    const Delivery delivery = seminar_delivery({{"title", "Hội thảo"}, {"starts_at", "2027-03-20T01:00:00Z"}});
    const auto composed = compose_email(delivery, committee, {"vi", long_subject, "Kính gửi Đồng chí,\nHẹn gặp."},
                                        *parse_rfc3339("2027-03-19T01:00:05Z"));
    REQUIRE(composed.ok());
    CHECK(composed->recipient == "kien@congdoan.example");
    const std::string& data = composed->data;
    CHECK(data.find("Message-ID: <0193a8c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d@congdoan.example>\r\n") != std::string::npos);
    CHECK(data.find("Date: Fri, 19 Mar 2027 01:00:05 +0000\r\n") != std::string::npos);
    CHECK(data.find("Content-Type: multipart/mixed;\r\n boundary=") != std::string::npos);
    CHECK(data.find("Content-Type: multipart/alternative;\r\n boundary=") != std::string::npos);
    CHECK(data.find("Content-Type: text/calendar; charset=UTF-8; method=REQUEST;\r\n name=") != std::string::npos);
    CHECK(data.find("Content-Disposition: attachment; filename=\"invitation.ics\"") != std::string::npos);
    for (const std::string& line : lines_of(data)) CHECK(line.size() <= 76);

    Delivery no_date = seminar_delivery({{"title", "Hội thảo"}});
    const auto plain = compose_email(no_date, committee, {"en", "Reminder", "Dear colleague"}, Time{});
    REQUIRE(plain.ok());
    CHECK(plain->data.find("multipart/mixed") == std::string::npos);
    CHECK(plain->data.find("Content-Language: en\r\n") != std::string::npos);
}

TEST_CASE("a delivery with no usable recipient composes into nothing, with the reason", "[email]") {
    Delivery nobody = seminar_delivery({});
    nobody.recipient.reset();
    const auto none = compose_email(nobody, committee, {"vi", "s", "b"}, Time{});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().find("names no recipient") != std::string::npos);
    Delivery forged = seminar_delivery({});
    forged.recipient->address = "a@b.example>\r\nDATA";
    const auto refused = compose_email(forged, committee, {"vi", "s", "b"}, Time{});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().find("the recipient's address") != std::string::npos);
}

TEST_CASE("an email endpoint names its relay, sender and TLS, or is refused with the reason", "[email]") {
    Endpoint endpoint;
    endpoint.channel = "email";
    endpoint.url = "smtp://mailer@relay.example:587";
    endpoint.secrets = {"mật khẩu"};
    endpoint.settings = {{"from", "Ban Tổ chức <bantochuc@congdoan.example>"}};
    const auto target = smtp_target(endpoint);
    REQUIRE(target.ok());
    CHECK(target->url == "smtp://relay.example:587");
    CHECK(target->username == "mailer");
    CHECK(target->password == "mật khẩu");
    CHECK(target->tls == TlsMode::required);
    CHECK(target->from.address == "bantochuc@congdoan.example");
    CHECK_FALSE(target->ca_file.has_value());

    endpoint.settings["tls"] = "opportunistic";
    endpoint.settings["ca_file"] = "/etc/ssl/relay.pem";
    // Without STARTTLS an opportunistic relay is spoken to in clear: never with AUTH.
    CHECK_THAT(smtp_target(endpoint).error(), Catch::Contains("would send the password in clear"));
    endpoint.url = "smtp://relay.example:587";
    CHECK(smtp_target(endpoint)->tls == TlsMode::opportunistic);
    CHECK(smtp_target(endpoint)->ca_file == "/etc/ssl/relay.pem");
    endpoint.url = "smtps://relay.example";
    endpoint.settings.erase("tls");
    CHECK(smtp_target(endpoint)->tls == TlsMode::implicit);

    const auto refused = [&](std::string url, std::map<std::string, std::string, std::less<>> settings,
                             std::string_view says) {
        Endpoint bad = endpoint;
        bad.url = std::move(url);
        bad.settings = std::move(settings);
        const auto result = smtp_target(bad);
        INFO(bad.url);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().find(says) != std::string::npos);
    };
    const std::map<std::string, std::string, std::less<>> from{{"from", "c@x.example"}};
    refused("http://relay.example", from, "not SMTP relays");
    refused("relay.example:25", from, "");
    refused("smtp://user:secret@relay.example", from, "never the password");
    refused("smtp://relay.example/path", from, "no path");
    refused("smtp://relay.example", {}, "needs a sender");
    refused("smtp://relay.example", {{"from", "not an address"}}, "the sender");
    refused("smtp://relay.example", {{"from", "c@x.example"}, {"tls", "never"}}, "required (the default) or opportunistic");
    refused("smtps://relay.example", {{"from", "c@x.example"}, {"tls", "opportunistic"}}, "leave tls out");
    refused("smtp://relay.example", {{"from", "c@x.example"}, {"password", "x"}}, "unknown email setting 'password'");
}

TEST_CASE("the relay's answers read as outcomes: 4xx retried, 5xx final, no answer retried", "[email]") {
    CHECK(smtp_outcome(CURLE_OK, 250, "").kind == ChannelOutcome::Kind::success);
    const auto busy = smtp_outcome(CURLE_SEND_ERROR, 451, "RCPT failed: 451");
    CHECK(busy.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK(busy.status_code == 451);
    CHECK(busy.error.find("451") != std::string::npos);
    const auto gone = smtp_outcome(CURLE_SEND_ERROR, 550, "RCPT failed: 550");
    CHECK(gone.kind == ChannelOutcome::Kind::final_failure);
    CHECK(gone.status_code == 550);
    CHECK(smtp_outcome(CURLE_LOGIN_DENIED, 535, "").kind == ChannelOutcome::Kind::final_failure);
    CHECK(smtp_outcome(CURLE_WEIRD_SERVER_REPLY, 452, "").kind == ChannelOutcome::Kind::retryable_failure);
    const auto refused = smtp_outcome(CURLE_COULDNT_CONNECT, 0, "Connection refused");
    CHECK(refused.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK_FALSE(refused.status_code.has_value());
    CHECK(smtp_outcome(CURLE_OPERATION_TIMEDOUT, 0, "").kind == ChannelOutcome::Kind::retryable_failure);
    const auto cut = smtp_outcome(CURLE_RECV_ERROR, 250, "");
    CHECK(cut.kind == ChannelOutcome::Kind::retryable_failure);
    CHECK_FALSE(cut.status_code.has_value());
    CHECK(smtp_outcome(CURLE_PEER_FAILED_VERIFICATION, 0, "").kind == ChannelOutcome::Kind::final_failure);
    CHECK(smtp_outcome(CURLE_USE_SSL_FAILED, 250, "").kind == ChannelOutcome::Kind::final_failure);
}

}  // namespace seminarflow::email
