// Seed 001: on the afternoon of 25 August 2011 the provincial public servants' union (Công đoàn
// Viên chức tỉnh) holds a round-table (tọa đàm) on building strong grassroots unions. Six
// grassroots unions present a tham luận; the chair, Nguyễn Văn Kiên, concludes and directs every
// grassroots union to study "the solutions of the 6 tham luận" and apply them at home.
//
// Replayed through the API: the invitations, two units reminded because they have not submitted,
// one of them past the deadline (the organiser is told, and takes the late paper), review, the
// programme, the reminders before the day, the session opening by itself, the six presentations,
// the conclusion and its directives; and the numbers the article states.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::vector<std::string> units = {"CĐCS Sở Tư pháp",      "CĐCS Kho bạc Nhà nước", "CĐCS Viện Kiểm sát Nhân dân tỉnh",
                                        "CĐCS Cục Thuế tỉnh",   "CĐCS Văn phòng Tỉnh ủy", "CĐCS Sở Công Thương"};
const std::string chair = "Đồng chí Nguyễn Văn Kiên - Chủ tịch Công đoàn Viên chức tỉnh";

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

// The submission of `unit` among the seminar's.
std::string submission_of(Committee& committee, const std::string& seminar, const std::string& unit) {
    for (const auto& child : committee.children(seminar, "submission")) {
        if (child.at("data").at("unit") == unit.c_str()) return std::string(child.at("id").as_string());
    }
    FAIL("no submission for " << unit);
    return {};
}

void submit(Committee& committee, const std::string& seminar, const std::string& unit) {
    const auto member = committee.as(Role::member);
    const auto state = member.move(submission_of(committee, seminar, unit), "submit",
                                   {{"title", "Tham luận của " + unit},
                                    {"abstract", "Kinh nghiệm xây dựng công đoàn cơ sở vững mạnh"},
                                    {"document_url", "https://congdoanvienchuc.example.vn/tham-luan/" +
                                                         std::to_string(unit.size()) + ".pdf"}});
    CHECK(state == "submitted");
    committee.settle();  // the seminar hears of it
}

}  // namespace

TEMPLATE_TEST_CASE("seed 001: six grassroots unions present their tham luan at the round-table and the chair directs all of them",
                   "[scenarios][seed-001]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2011-08-01T02:00:00Z"));
    committee.subscribe({"submission.reminder", "submission.deadline_passed", "seminar.contributions_closed",
                         "seminar.reminder", "seminar.started",
                         "submission.presentation_reminder", "directive.assigned", "seminar.concluded"});
    const auto organiser = committee.as(Role::organiser);
    const auto reviewer = committee.as(Role::reviewer);

    const std::string seminar = organiser.create_seminar(
        "Tọa đàm “Nâng cao chất lượng hoạt động và xây dựng công đoàn cơ sở vững mạnh”");
    CHECK(organiser.move(seminar, "plan", {{"kind", "toa_dam"},
                                           {"starts_at", "2011-08-25T07:00:00Z"},  // 14:00 in the province
                                           {"ends_at", "2011-08-25T10:00:00Z"},
                                           {"venue", "Hội trường Công đoàn Viên chức tỉnh"},
                                           {"chair", chair},
                                           {"organiser_unit", "Ban Thường vụ Công đoàn Viên chức tỉnh"},
                                           {"min_contributions", 6},
                                           {"budget_vnd", 0}}) == "planned");
    CHECK(organiser.move(seminar, "invite", {{"units", boost::json::array(units.begin(), units.end())},
                                             {"contributions_due", "2011-08-12T10:00:00Z"}}) == "inviting");
    REQUIRE(committee.children(seminar, "submission", "invited").size() == 6);

    // Four papers come in early; three days before the due date the other two are reminded.
    committee.advance_to("2011-08-05T02:00:00Z");
    for (int i = 0; i < 4; ++i) submit(committee, seminar, units[static_cast<std::size_t>(i)]);
    committee.advance_to("2011-08-09T10:00:00Z");
    CHECK(sorted(units_of(committee.delivered(2), "submission.reminder")) == sorted({units[4], units[5]}));

    // Văn phòng Tỉnh ủy sends its paper; Sở Công Thương misses the deadline and the organiser is
    // told, by the unit's lapsed invitation and in the seminar's one message of who is missing.
    committee.advance_to("2011-08-10T02:00:00Z");
    submit(committee, seminar, units[4]);
    committee.advance_to("2011-08-12T10:00:00Z");
    const auto at_deadline = committee.delivered(4);
    CHECK(units_of(at_deadline, "submission.deadline_passed") == std::vector<std::string>{units[5]});
    REQUIRE(count_of(at_deadline, "seminar.contributions_closed") == 1);
    for (const auto& message : at_deadline) {
        if (message.type != "seminar.contributions_closed") continue;
        CHECK(message.data.at("units_waiting") == boost::json::array{units[5].c_str()});
        CHECK(message.data.at("contributions_received") == 5);
    }
    const std::string late = submission_of(committee, seminar, units[5]);
    CHECK(committee.instance(late).at("state") == "lapsed");

    // The committee still takes it: a new date, and the paper arrives the next morning.
    committee.advance_to("2011-08-13T02:00:00Z");
    CHECK(organiser.move(late, "reopen", {{"due_at", "2011-08-16T10:00:00Z"}}) == "invited");
    committee.advance_to("2011-08-13T03:00:00Z");
    submit(committee, seminar, units[5]);

    // Every paper is reviewed, accepted and given its slot in the afternoon; the programme is out.
    committee.advance_to("2011-08-15T02:00:00Z");
    const char* slots[] = {"07:15", "07:40", "08:05", "08:30", "08:55", "09:20"};
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string id = submission_of(committee, seminar, units[i]);
        CHECK(reviewer.move(id, "start_review") == "under_review");
        CHECK(reviewer.move(id, "accept", {{"review_note", "Đạt yêu cầu"}}) == "accepted");
        CHECK(organiser.move(id, "schedule", {{"slot_at", std::string("2011-08-25T") + slots[i] + ":00Z"}}) ==
              "scheduled");
    }
    committee.settle();
    CHECK(organiser.move(seminar, "publish_programme") == "programme_ready");

    // A week and a day before, everyone is reminded; at 14:00 the session opens by itself.
    committee.advance_to("2011-08-18T07:00:00Z");
    committee.advance_to("2011-08-24T07:00:00Z");
    committee.advance_to("2011-08-25T07:00:00Z");
    CHECK(committee.instance(seminar).at("state") == "in_session");
    for (const auto& unit : units) {
        CHECK(organiser.move(submission_of(committee, seminar, unit), "present") == "presented");
    }
    committee.advance_to("2011-08-25T10:00:00Z");  // the scheduled end closes the session
    CHECK(committee.instance(seminar).at("state") == "concluding");

    CHECK(organiser.move(seminar, "conclude",
                         {{"conclusion", "Ban Chấp hành, Ban Thường vụ có trách nhiệm cao; các nội dung tham luận "
                                         "được chuẩn bị chu đáo, bám sát kế hoạch đã đề ra."},
                          {"directive", "Tập trung nghiên cứu các giải pháp của 6 tham luận để vận dụng và thực hiện "
                                        "tốt ở đơn vị mình"},
                          {"units", boost::json::array(units.begin(), units.end())},
                          {"due_at", "2011-12-31T10:00:00Z"}}) == "concluded");
    committee.settle();

    // The article's numbers, as the API tells them.
    const auto data = committee.instance(seminar).at("data").as_object();
    CHECK(data.at("chair") == chair.c_str());
    CHECK(data.at("kind") == "toa_dam");
    CHECK(data.at("contributions_received") == 6);
    CHECK(data.at("contributions_accepted") == 6);
    CHECK(committee.children(seminar, "submission", "presented").size() == 6);
    CHECK(committee.children(seminar, "directive", "assigned").size() == 6);
    const auto summary = committee.summary(seminar);
    CHECK(summary.at("contributions").at("presented") == 6);  // "6 tham luận"
    CHECK(summary.at("directives").at("open") == 6);

    // And what the committee's receiver heard: 2 reminders to the units still owing a paper, the
    // one missed deadline and the seminar's word of it, 2 reminders of the day, the opening, 6
    // presentation reminders, the conclusion and its 6 directives.
    const auto delivered = committee.delivered(20);
    CHECK(delivered.size() == 20);
    CHECK(data.at("units_waiting") == boost::json::array{});  // the late paper came in
    CHECK(sorted(units_of(delivered, "submission.reminder")) == sorted({units[4], units[5]}));
    CHECK(count_of(delivered, "submission.deadline_passed") == 1);
    CHECK(count_of(delivered, "seminar.reminder") == 2);
    CHECK(count_of(delivered, "seminar.started") == 1);
    CHECK(count_of(delivered, "submission.presentation_reminder") == 6);
    CHECK(count_of(delivered, "seminar.concluded") == 1);
    CHECK(sorted(units_of(delivered, "directive.assigned")) == sorted(units));
}

}  // namespace seminarflow::testing
