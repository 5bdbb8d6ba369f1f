// The exports over HTTP, on SQLite and on the throwaway PostgreSQL: calendar.ics parsed back
// (a long Vietnamese title folded and unfolded byte for byte, SEQUENCE through a postponement
// and a cancellation), the participants' and rewards' CSV, the minutes as Markdown and HTML of
// a seminar driven through its stages, and every refusal (404, 422 export-not-applicable).
#include "tests/http/instance_api.hpp"

#include <map>

#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string long_title = "Hội thảo khoa học: Vai trò của tổ chức Công đoàn trong việc chăm lo, bảo vệ quyền "
                               "và lợi ích hợp pháp, chính đáng của đoàn viên; người lao động \\ giai đoạn 2027–2030";

std::string export_of(const std::string& id, const std::string& file) { return "/v1/instances/" + id + "/" + file; }

// RFC 5545 section 3.3.11, read back: the test's own, not the writer's.
std::string unescaped(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            ++i;
            out += value[i] == 'n' || value[i] == 'N' ? '\n' : value[i];
        } else {
            out += value[i];
        }
    }
    return out;
}

// A VCALENDAR read back: CRLF lines of at most 75 octets unfolded, then the VEVENT's properties
// (name with parameters -> unescaped value) and its alarms' triggers.
struct ParsedCalendar {
    std::multimap<std::string, std::string> event;
    std::vector<std::string> triggers;
    std::size_t continuations = 0;  // folded lines
    std::string first(const std::string& name) const {
        const auto found = event.find(name);
        return found == event.end() ? std::string() : found->second;
    }
};

ParsedCalendar parse_calendar(std::string_view text) {
    ParsedCalendar parsed;
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = text.find("\r\n");
        REQUIRE(end != std::string_view::npos);  // every line ends with CRLF
        const std::string_view line = text.substr(0, end);
        CHECK(line.size() <= 75);
        if (!line.empty() && line.front() == ' ') {
            REQUIRE_FALSE(lines.empty());
            ++parsed.continuations;
            lines.back() += line.substr(1);
        } else {
            lines.emplace_back(line);
        }
        text.remove_prefix(end + 2);
    }
    REQUIRE(lines.size() > 4);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    std::vector<std::string> open;
    for (const std::string& line : lines) {
        const std::size_t colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        const std::string name = line.substr(0, colon);
        const std::string value = line.substr(colon + 1);
        if (name == "BEGIN") open.push_back(value);
        else if (open.empty()) FAIL("a property outside any component: " + line);
        else if (name == "END") {
            REQUIRE((!open.empty() && open.back() == value));
            open.pop_back();
        } else if (open.back() == "VEVENT") {
            parsed.event.emplace(name, unescaped(value));
        } else if (open.back() == "VALARM" && name == "TRIGGER") {
            parsed.triggers.push_back(value);
        }
    }
    CHECK(open.empty());
    return parsed;
}

ParsedCalendar calendar_of(const ApiClient& api, const std::string& id) {
    const auto answer = api.get(export_of(id, "calendar.ics"));
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "text/calendar; charset=utf-8");
    CHECK(answer.header("Content-Disposition") == "attachment; filename=\"seminar-" + id + "-calendar.ics\"");
    return parse_calendar(answer.body);
}

void check_not_applicable(const ClientResponse& answer, std::string_view rule) {
    INFO(answer.body);
    CHECK(answer.status == 422);
    CHECK(problem_type(answer) == "export-not-applicable");
    CHECK(json_of(answer).at("rule").as_string() == rule);
}

TEMPLATE_TEST_CASE("a seminar's calendar.ics parses back and follows it through a postponement and a cancellation",
                   "[http][exports]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    const ApiClient viewer = api.as(Role::viewer);
    const std::string id = api.create_seminar(long_title);
    check_not_applicable(viewer.get(export_of(id, "calendar.ics")), "starts_at");  // a draft has no date

    api.move(id, "plan", test::plan_payload());
    REQUIRE(api.post("/v1/instances/" + id + "/participants",
                     boost::json::object{{"kind", "person"}, {"ref", "kien"}, {"role", "chair"},
                                         {"display_name", "Đồng chí Nguyễn Văn Kiên"},
                                         {"contact", {{"email", "kien@congdoan.example"}}}})
                .status == 201);
    const ParsedCalendar planned = calendar_of(viewer, id);
    CHECK(planned.first("SUMMARY") == long_title);  // folded, escaped, and back byte for byte
    CHECK(planned.continuations >= 2);              // the title alone is over 150 octets
    CHECK(planned.first("UID") == id + "@seminarflow");
    CHECK(planned.first("SEQUENCE") == "0");
    CHECK(planned.first("DTSTART") == "20260825T070000Z");
    CHECK(planned.first("DTEND") == "20260825T100000Z");
    CHECK(planned.first("LOCATION") == "Hội trường Liên đoàn Lao động tỉnh");
    CHECK(planned.first("STATUS") == "CONFIRMED");
    CHECK(planned.first("ORGANIZER;CN=\"Đồng chí Nguyễn Văn Kiên\"") == "mailto:kien@congdoan.example");
    CHECK(planned.first("DESCRIPTION").find("14 giờ 00, ngày 25 tháng 8 năm 2026 đến 17 giờ 00") != std::string::npos);
    CHECK(planned.first("DTSTAMP").size() == 16);
    CHECK(planned.triggers == std::vector<std::string>{"-P1D", "-P7D"});

    api.move(id, "postpone", {{"starts_at", "2026-09-08T01:00:00Z"}, {"ends_at", "2026-09-08T04:00:00Z"},
                              {"reason", "Trùng lịch Đại hội"}});
    const ParsedCalendar postponed = calendar_of(viewer, id);
    CHECK(postponed.first("UID") == id + "@seminarflow");  // the same event, moved
    CHECK(postponed.first("SEQUENCE") == "1");
    CHECK(postponed.first("DTSTART") == "20260908T010000Z");

    api.move(id, "cancel", {{"reason", "Không đủ đại biểu"}});
    const ParsedCalendar cancelled = calendar_of(viewer, id);
    CHECK(cancelled.first("STATUS") == "CANCELLED");
    CHECK(cancelled.first("SEQUENCE") == "2");
    CHECK(cancelled.triggers.empty());

    const std::string unknown = "00000000-0000-4000-8000-000000000000";
    for (const std::string file :
         {"calendar.ics", "participants.csv", "rewards.csv", "standings.csv", "minutes.md", "minutes.html"}) {
        const auto missing = viewer.get(export_of(unknown, file));
        CHECK(missing.status == 404);
        CHECK(problem_type(missing) == "not-found");
        CHECK(http_request(server.port(), "GET", export_of(id, file)).status == 401);  // no token
    }
}

std::string first_child(const ApiClient& api, const std::string& id, const std::string& workflow) {
    const auto listed = json_of(api.get("/v1/instances?parent=" + id + "&workflow=" + workflow));
    const auto& items = listed.at("items").as_array();
    REQUIRE_FALSE(items.empty());
    return std::string(items.front().at("id").as_string());
}

// A round-table driven to its conclusion: a chair and a unit, a proposal answered, two rewards
// (one issued), one directive.
std::string held_round_table(TestServer& server, const ApiClient& api) {
    const std::string id = api.create_seminar("Tọa đàm: Công đoàn với chuyển đổi số");
    auto plan = test::plan_payload();
    plan["min_contributions"] = 0;
    api.move(id, "plan", plan);
    const std::string participants = "/v1/instances/" + id + "/participants";
    REQUIRE(api.post(participants, std::string(R"({"kind":"person","ref":"kien","role":"chair","display_name":"Đồng chí \"Kiên\", Chủ tịch",)"
                                   R"("contact":{"email":"kien@congdoan.example"},"rsvp":"accepted"})"))
                .status == 201);
    REQUIRE(api.post(participants, std::string(R"({"kind":"unit","ref":"cd-tu-phap","role":"contributor",)"
                                               R"("display_name":"Công đoàn Sở Tư pháp"})"))
                .status == 201);
    api.move(id, "publish_programme");
    api.move(id, "start");
    api.move(id, "record_proposal", {{"unit", "CĐCS Trường THPT"}, {"content", "Tăng kinh phí <hoạt động>"}, {"raised_by", "Cô Hoa"}});
    api.move(first_child(api, id, "proposal"), "answer", {{"answer", "Đồng ý"}});
    const boost::json::object nomination{{"recipient", "Công đoàn Sở Tư pháp"}, {"recipient_kind", "unit"},
                                         {"achievement", "Tham luận xuất sắc"}, {"amount_vnd", 5000000},
                                         {"certificate_kind", "giay_khen"}};
    api.move(id, "nominate", nomination);
    const std::string reward = first_child(api, id, "reward");
    // Children are listed by creation time: a later one, so that the rows' order is known.
    server.clock().set(server.clock().now() + std::chrono::minutes(1));
    auto second = nomination;
    second["recipient"] = "Công đoàn Cục Thuế, tỉnh";
    second["amount_vnd"] = 3000000;
    api.move(id, "nominate", second);
    api.move(reward, "evaluate", {{"evaluation", "Xứng đáng"}});
    api.move(reward, "approve", {{"decision_number", "12/QĐ-CĐVC"}});
    api.move(reward, "issue", {{"certificate_number", "GK-01"}, {"paid_vnd", 5000000}});
    api.move(id, "end_session");
    api.move(id, "conclude", {{"conclusion", "Các CĐCS vận dụng giải pháp của các tham luận."},
                              {"directive", "Báo cáo kết quả triển khai"}, {"units", boost::json::array{"Công đoàn Sở Tư pháp"}},
                              {"due_at", "2026-12-31T10:00:00Z"}});
    return id;
}

std::vector<std::string> csv_rows(const ClientResponse& answer) {
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "text/csv; charset=utf-8; header=present");
    REQUIRE(answer.body.starts_with("\xEF\xBB\xBF"));
    std::vector<std::string> rows;
    std::string_view rest = std::string_view(answer.body).substr(3);
    while (!rest.empty()) {
        const std::size_t end = rest.find("\r\n");
        REQUIRE(end != std::string_view::npos);
        rows.emplace_back(rest.substr(0, end));
        rest.remove_prefix(end + 2);
    }
    return rows;
}

TEMPLATE_TEST_CASE("a held round-table exports its participants, rewards and minutes", "[http][exports]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::admin);
    const ApiClient viewer = api.as(Role::viewer);
    const std::string id = held_round_table(server, api);

    CHECK(csv_rows(viewer.get(export_of(id, "participants.csv"))) ==
          std::vector<std::string>{"kind,ref,display_name,role,rsvp,language,contact",
                                   "person,kien,\"Đồng chí \"\"Kiên\"\", Chủ tịch\",chair,accepted,vi,email: kien@congdoan.example",
                                   "unit,cd-tu-phap,Công đoàn Sở Tư pháp,contributor,needs_action,vi,"});
    CHECK(csv_rows(viewer.get(export_of(id, "rewards.csv"))) ==
          std::vector<std::string>{"recipient,recipient_kind,achievement,certificate_kind,amount_vnd,state,decision_number,"
                                   "certificate_number,paid_vnd",
                                   "Công đoàn Sở Tư pháp,unit,Tham luận xuất sắc,Giấy khen,5000000,issued,12/QĐ-CĐVC,GK-01,5000000",
                                   "\"Công đoàn Cục Thuế, tỉnh\",unit,Tham luận xuất sắc,Giấy khen,3000000,nominated,,,",
                                   "Tổng cộng,,,,8000000,,,,5000000"});

    const auto markdown = viewer.get(export_of(id, "minutes.md"));
    INFO(markdown.body);
    REQUIRE(markdown.status == 200);
    CHECK(markdown.content_type == "text/markdown; charset=utf-8");
    CHECK(markdown.body.starts_with("# Biên bản: Tọa đàm: Công đoàn với chuyển đổi số\n"));
    CHECK(markdown.body.find("- **Thời gian:** 14 giờ 00, ngày 25 tháng 8 năm 2026 đến 17 giờ 00, ngày 25 tháng 8 "
                             "năm 2026 (Asia/Ho\\_Chi\\_Minh)\n") != std::string::npos);
    CHECK(markdown.body.find("- Đồng chí \"Kiên\", Chủ tịch (chair)\n") != std::string::npos);
    CHECK(markdown.body.find("- CĐCS Trường THPT (Cô Hoa): Tăng kinh phí \\<hoạt động\\> — Trả lời: Đồng ý\n") !=
          std::string::npos);
    CHECK(markdown.body.find("Các CĐCS vận dụng giải pháp của các tham luận.") != std::string::npos);
    CHECK(markdown.body.find("- Công đoàn Sở Tư pháp: Báo cáo kết quả triển khai — Hạn: 17 giờ 00, ngày 31 tháng 12 "
                             "năm 2026 — Trạng thái: assigned\n") != std::string::npos);
    CHECK(markdown.body.find("- Tổng cộng: 8.000.000 ₫\n") != std::string::npos);

    const auto html = viewer.get(export_of(id, "minutes.html"));
    REQUIRE(html.status == 200);
    CHECK(html.content_type == "text/html; charset=utf-8");
    CHECK(html.body.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.body.find("<li>CĐCS Trường THPT (Cô Hoa): Tăng kinh phí &lt;hoạt động&gt; — Trả lời: Đồng ý</li>") !=
          std::string::npos);
    CHECK(html.body.find("<li>Đồng chí &quot;Kiên&quot;, Chủ tịch (chair)</li>") != std::string::npos);

    // A proposal is no seminar: it has participants, but no calendar, minutes or rewards; and only
    // a contest has standings.
    const std::string proposal = first_child(api, id, "proposal");
    check_not_applicable(viewer.get(export_of(proposal, "calendar.ics")), "workflow");
    check_not_applicable(viewer.get(export_of(proposal, "minutes.md")), "workflow");
    check_not_applicable(viewer.get(export_of(proposal, "minutes.html")), "workflow");
    check_not_applicable(viewer.get(export_of(proposal, "rewards.csv")), "workflow");
    check_not_applicable(viewer.get(export_of(id, "standings.csv")), "workflow");  // a seminar has no contestants
    CHECK(csv_rows(viewer.get(export_of(proposal, "participants.csv"))).size() == 1);
}

}  // namespace
}  // namespace seminarflow::testing
