// The calendar.ics export as a pure function: the VEVENT a seminar makes, its alarms from the
// shipped workflow's reminders, its refusals, and the text rules (folding, escaping, CRLF).
#include <catch2/catch.hpp>

#include "engine/exports/seminar_calendar.hpp"
#include "exports/export_fixture.hpp"
#include "support/utf8_check.hpp"
#include "workflows/shipped_catalogue.hpp"

namespace seminarflow {
namespace {

using namespace std::chrono_literals;

// The content lines, unfolded (RFC 5545 section 3.1), after checking the folding itself.
std::vector<std::string> unfolded_lines(const std::string& text) {
    std::vector<std::string> lines;
    for (const std::string& line : test::crlf_lines(text)) {
        CHECK(line.size() <= 75);
        CHECK(test::is_valid_utf8(line));  // never cut inside a character
        if (!line.empty() && line.front() == ' ') {
            REQUIRE_FALSE(lines.empty());
            lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
        }
    }
    return lines;
}

bool has(const std::vector<std::string>& lines, std::string_view line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::size_t count(const std::vector<std::string>& lines, std::string_view line) {
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

TEST_CASE("a planned seminar exports one VEVENT in UTC with its wall clock, chair and reminders", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    auto event = seminar_calendar(source, {24h, 168h});
    REQUIRE(event.ok());
    const auto lines = unfolded_lines(calendar_text(*event));
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    // A file to import, not an iTIP message: no METHOD, so no ORGANIZER is required.
    CHECK_FALSE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("METHOD"); }));
    CHECK(count(lines, "BEGIN:VEVENT") == 1);
    CHECK(has(lines, "UID:0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4@seminarflow"));
    CHECK(has(lines, "SEQUENCE:0"));
    CHECK(has(lines, "DTSTAMP:20270301T020304Z"));
    CHECK(has(lines, "DTSTART:20270320T010000Z"));
    CHECK(has(lines, "DTEND:20270320T040000Z"));
    CHECK(has(lines, "SUMMARY:Tọa đàm: Công đoàn với chuyển đổi số"));
    CHECK(has(lines, "LOCATION:Hội trường Liên đoàn Lao động tỉnh"));
    CHECK(has(lines, "DESCRIPTION:Tọa đàm\\nThời gian: 08 giờ 00\\, ngày 20 tháng 3 năm 2027 đến 11 giờ 00\\, "
                     "ngày 20 tháng 3 năm 2027 (Asia/Ho_Chi_Minh)\\nChủ trì: Đồng chí Nguyễn Văn Kiên\\n"
                     "Đơn vị tổ chức: Ban Thường vụ Công đoàn Viên chức tỉnh"));
    CHECK(has(lines, "STATUS:CONFIRMED"));
    CHECK(count(lines, "BEGIN:VALARM") == 2);
    CHECK(has(lines, "TRIGGER:-P1D"));
    CHECK(has(lines, "TRIGGER:-P7D"));
    CHECK(has(lines, "ACTION:DISPLAY"));
    CHECK_FALSE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("ORGANIZER"); }));

    // The chair becomes ORGANIZER once a chair participant can be written to.
    Participant chair = test::participant_of("nguyen-van-kien", "chair", "Đồng chí \"Kiên\"");
    chair.contact = {{"email", "kien@congdoan.example"}};
    source.participants = {test::participant_of("to-chuc", "organiser", "Ban Tổ chức"), chair};
    const auto with_chair = unfolded_lines(calendar_text(*seminar_calendar(source, {})));
    CHECK(has(with_chair, "ORGANIZER;CN=\"Đồng chí Kiên\":mailto:kien@congdoan.example"));
    CHECK_FALSE(has(with_chair, "BEGIN:VALARM"));
}

TEST_CASE("a postponed then cancelled seminar's SEQUENCE grows and it is CANCELLED without alarms", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    source.instance.data["postponements"] = 2;
    CHECK(has(unfolded_lines(calendar_text(*seminar_calendar(source, {24h}))), "SEQUENCE:2"));
    source.instance.state = "cancelled";
    const auto lines = unfolded_lines(calendar_text(*seminar_calendar(source, {24h})));
    CHECK(has(lines, "SEQUENCE:3"));
    CHECK(has(lines, "STATUS:CANCELLED"));
    CHECK_FALSE(has(lines, "BEGIN:VALARM"));
}

TEST_CASE("the description shows the seminar's own time zone, daylight saving included", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    source.instance.data["timezone"] = "America/New_York";
    source.instance.data["starts_at"] = "2027-07-01T13:00:00Z";
    source.instance.data["ends_at"] = "2027-07-01T15:30:00Z";
    const auto lines = unfolded_lines(calendar_text(*seminar_calendar(source, {})));
    CHECK(has(lines, "DTSTART:20270701T130000Z"));
    const auto description = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("DESCRIPTION:"); });
    REQUIRE(description != lines.end());
    CHECK(description->find("09 giờ 00\\, ngày 1 tháng 7 năm 2027 đến 11 giờ 30") != std::string::npos);
    CHECK(description->find("(America/New_York)") != std::string::npos);
    // A zone the database does not know reads on the committee's usual clock, and says so.
    source.instance.data["timezone"] = "Mars/Olympus";
    const auto usual = unfolded_lines(calendar_text(*seminar_calendar(source, {})));
    CHECK(std::any_of(usual.begin(), usual.end(), [](const std::string& l) {
        return l.find("20 giờ 00\\, ngày 1 tháng 7 năm 2027") != std::string::npos &&
               l.find("(Asia/Ho_Chi_Minh)") != std::string::npos;
    }));
}

TEST_CASE("a long Vietnamese title is folded at 75 octets and unfolds byte for byte", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    const std::string title = "Hội thảo khoa học: Vai trò của tổ chức Công đoàn trong việc chăm lo, bảo vệ quyền và lợi "
                              "ích hợp pháp, chính đáng của đoàn viên; người lao động — giai đoạn 2027–2030";
    source.instance.data["title"] = title;
    const std::string text = calendar_text(*seminar_calendar(source, {}));
    CHECK(test::crlf_lines(text).size() > unfolded_lines(text).size());  // something was folded
    const auto lines = unfolded_lines(text);
    const auto summary = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("SUMMARY:"); });
    REQUIRE(summary != lines.end());
    CHECK(*summary == "SUMMARY:" + escape_text(title));
    CHECK(summary->find("chăm lo\\, bảo vệ") != std::string::npos);
    CHECK(summary->find("chính đáng của đoàn viên\\; người") != std::string::npos);
}

TEST_CASE("only a seminar with a start exports a calendar, and the refusal says which", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    source.instance.workflow = "contest";
    auto contest = seminar_calendar(source, {});
    REQUIRE_FALSE(contest.ok());
    CHECK(contest.error().rule == "workflow");
    CHECK(contest.error().detail.find("is a contest") != std::string::npos);

    ExportSource draft = test::planned_seminar();
    draft.instance.data.erase("starts_at");
    auto undated = seminar_calendar(draft, {});
    REQUIRE_FALSE(undated.ok());
    CHECK(undated.error().rule == "starts_at");
    draft.instance.data["starts_at"] = "next Tuesday";
    CHECK_FALSE(seminar_calendar(draft, {}).ok());
}

TEST_CASE("alarms are written as RFC 5545 durations before the start", "[exports][ics]") {
    CHECK(trigger_before(24h) == "-P1D");
    CHECK(trigger_before(168h) == "-P7D");
    CHECK(trigger_before(90min) == "-PT1H30M");
    CHECK(trigger_before(26h) == "-P1DT2H");
    CHECK(trigger_before(45s) == "-PT45S");
    CHECK(trigger_before(0s) == "-PT0S");
    // Hours may be followed by minutes only: the minutes are written even when there are none.
    CHECK(trigger_before(1h + 30s) == "-PT1H0M30S");
    CHECK(trigger_before(24h + 1h + 30s) == "-P1DT1H0M30S");
}

TEST_CASE("a chair's address that is not one never becomes a line of the calendar", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    Participant chair = test::participant_of("nguyen-van-kien", "chair", "Nguyễn Văn Kiên");
    chair.contact = {{"email", "kien@congdoan.example\r\nATTENDEE:mailto:x@evil.example\r\nBEGIN:VALARM"}};
    source.participants = {chair};
    const auto lines = unfolded_lines(calendar_text(*seminar_calendar(source, {24h})));
    CHECK_FALSE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("ORGANIZER"); }));
    CHECK_FALSE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("ATTENDEE"); }));
    CHECK(count(lines, "BEGIN:VALARM") == 1);
}

TEST_CASE("a seminar without a title still gives its event and alarms a text", "[exports][ics]") {
    ExportSource source = test::planned_seminar();
    source.instance.data["title"] = "";
    CHECK(has(unfolded_lines(calendar_text(*seminar_calendar(source, {24h}))), "SUMMARY:Tọa đàm"));
    source.instance.data.erase("kind");
    const auto lines = unfolded_lines(calendar_text(*seminar_calendar(source, {24h})));
    CHECK(has(lines, "SUMMARY:Hội thảo"));
    CHECK(has(lines, "DESCRIPTION:Hội thảo"));
}

TEST_CASE("the shipped seminar reminds a week and its reminder lead before the start", "[exports][ics]") {
    const Definition* seminar = test::shipped_catalogue().find("seminar");
    REQUIRE(seminar != nullptr);
    boost::json::object data = test::planned_seminar().instance.data;
    // remind_week and remind_day fire `remind`; not_ready_warning (3 days) is the organisers' own.
    CHECK(start_reminders(*seminar, data) == std::vector<Duration>{24h, 168h});  // reminder_lead's default
    data["reminder_lead"] = "2h";
    CHECK(start_reminders(*seminar, data) == std::vector<Duration>{2h, 168h});
    data["reminder_lead"] = "1w";
    CHECK(start_reminders(*seminar, data) == std::vector<Duration>{168h});  // the same time, once
    data.erase("starts_at");
    CHECK(start_reminders(*seminar, data).empty());
    const Definition* submission = test::shipped_catalogue().find("submission");
    REQUIRE(submission != nullptr);
    CHECK(start_reminders(*submission, test::planned_seminar().instance.data).empty());  // they hang on due_at
}

}  // namespace
}  // namespace seminarflow
