// The minutes (biên bản) as pure functions: what they gather from the seminar and its children,
// and the Markdown and HTML written from it, escaped.
#include <catch2/catch.hpp>

#include "engine/exports/minutes.hpp"
#include "exports/export_fixture.hpp"

namespace seminarflow {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

ExportSource held_seminar() {
    ExportSource source = test::planned_seminar();
    source.instance.state = "concluded";
    source.instance.data["conclusion"] = "Các CĐCS vận dụng giải pháp của 6 tham luận.\n\nBáo cáo kết quả trước 30/6 <khẩn>.";
    source.participants = {test::participant_of("kien", "chair", "Đồng chí Nguyễn Văn Kiên"),
                           test::participant_of("lan", "guest", "Bà Trần Thị Lan"),
                           test::participant_of("vang", "guest", "Ông Vắng Mặt", Rsvp::declined)};
    const auto add = [&source](const std::string& workflow, const std::string& state, boost::json::object data) {
        source.children.push_back(test::child_of(source, workflow, state, std::move(data)));
    };
    add("submission", "presented", {{"unit", "Công đoàn Sở Tư pháp"}, {"title", "Chuyển đổi số & <công đoàn>"}});
    add("submission", "scheduled", {{"unit", "Công đoàn Cục Thuế"}, {"title", "Kinh nghiệm *thực tiễn*"}});
    add("submission", "rejected", {{"unit", "Công đoàn Kho bạc"}, {"title", "Bị từ chối"}});
    add("proposal", "answered", {{"unit", "CĐCS Trường THPT"}, {"raised_by", "Cô Hoa"}, {"content", "Tăng kinh phí"},
                                 {"answer", "Đồng ý, bổ sung trong năm 2027"}});
    add("proposal", "forwarded", {{"unit", "CĐCS Bệnh viện"}, {"raised_by", "Anh Nam"}, {"content", "Sửa quy chế"},
                                  {"answer", "Chuyển lên cấp trên"}, {"forwarded_to", "LĐLĐ tỉnh"}});
    add("proposal", "withdrawn", {{"unit", "CĐCS X"}, {"content", "Đã rút"}});
    add("directive", "assigned", {{"unit", "Công đoàn Sở Tư pháp"}, {"task", "Triển khai giải pháp"},
                                  {"due_at", "2027-06-30T10:00:00Z"}});
    add("reward", "issued", {{"recipient", "Công đoàn Sở Tư pháp"}, {"certificate_kind", "giay_khen"}, {"amount_vnd", 5000000}});
    add("reward", "approved", {{"recipient", "Công đoàn Cục Thuế"}, {"certificate_kind", "bang_khen"}, {"amount_vnd", 50000000}});
    add("reward", "declined", {{"recipient", "Công đoàn Kho bạc"}, {"certificate_kind", "giay_khen"}, {"amount_vnd", 1000000}});
    return source;
}

TEST_CASE("the minutes gather the seminar, its attendees and what its children came to", "[exports][minutes]") {
    const auto minutes = seminar_minutes(held_seminar());
    REQUIRE(minutes.ok());
    CHECK(minutes->title == "Biên bản: Tọa đàm: Công đoàn với chuyển đổi số");
    REQUIRE(minutes->facts.size() == 5);
    CHECK(minutes->facts[0] == std::pair<std::string, std::string>{"Hình thức", "Tọa đàm"});
    CHECK(minutes->facts[1].second ==
          "08 giờ 00, ngày 20 tháng 3 năm 2027 đến 11 giờ 00, ngày 20 tháng 3 năm 2027 (Asia/Ho_Chi_Minh)");
    CHECK(minutes->facts[3].second == "Đồng chí Nguyễn Văn Kiên");
    REQUIRE(minutes->sections.size() == 6);
    CHECK(minutes->sections[0].items ==
          std::vector<std::string>{"Đồng chí Nguyễn Văn Kiên (chair)", "Bà Trần Thị Lan (guest)"});
    CHECK(minutes->sections[1].items == std::vector<std::string>{"Công đoàn Sở Tư pháp: Chuyển đổi số & <công đoàn>",
                                                                 "Công đoàn Cục Thuế: Kinh nghiệm *thực tiễn*"});
    CHECK(minutes->sections[2].items ==
          std::vector<std::string>{"CĐCS Trường THPT (Cô Hoa): Tăng kinh phí — Trả lời: Đồng ý, bổ sung trong năm 2027",
                                   "CĐCS Bệnh viện (Anh Nam): Sửa quy chế — Trả lời: Chuyển lên cấp trên — Chuyển đến: LĐLĐ tỉnh"});
    CHECK(minutes->sections[3].heading == "Kết luận");
    CHECK(minutes->sections[4].items ==
          std::vector<std::string>{"Công đoàn Sở Tư pháp: Triển khai giải pháp — Hạn: 17 giờ 00, ngày 30 tháng 6 năm 2027 "
                                   "— Trạng thái: assigned"});
    CHECK(minutes->sections[5].items == std::vector<std::string>{"Công đoàn Sở Tư pháp: Giấy khen, 5.000.000 ₫",
                                                                 "Công đoàn Cục Thuế: Bằng khen, 50.000.000 ₫",
                                                                 "Tổng cộng: 55.000.000 ₫"});
}

TEST_CASE("the minutes as Markdown escape the seminar's text and keep its paragraphs", "[exports][minutes]") {
    const std::string text = minutes_markdown(*seminar_minutes(held_seminar()));
    CHECK(text.starts_with("# Biên bản: Tọa đàm: Công đoàn với chuyển đổi số\n\n"));
    CHECK(contains(text, "- **Chủ trì:** Đồng chí Nguyễn Văn Kiên\n"));
    CHECK(contains(text, "\n## Tham luận trình bày\n\n- Công đoàn Sở Tư pháp: Chuyển đổi số \\& \\<công đoàn\\>\n"));
    CHECK(contains(text, "Kinh nghiệm \\*thực tiễn\\*"));
    CHECK(contains(text, "\n## Kết luận\n\nCác CĐCS vận dụng giải pháp của 6 tham luận.\n\n"
                         "Báo cáo kết quả trước 30/6 \\<khẩn\\>.\n\n"));
    CHECK(contains(text, "- Tổng cộng: 55.000.000 ₫\n"));
    CHECK_FALSE(contains(text, "Ông Vắng Mặt"));  // declined the invitation
    CHECK_FALSE(contains(text, "Bị từ chối"));
    CHECK_FALSE(contains(text, "Đã rút"));
}

TEST_CASE("the minutes as HTML are a standalone UTF-8 page with every text escaped", "[exports][minutes]") {
    const std::string html = minutes_html(*seminar_minutes(held_seminar()));
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"));
    CHECK(contains(html, "<title>Biên bản: Tọa đàm: Công đoàn với chuyển đổi số</title>"));
    CHECK(contains(html, "<li>Công đoàn Sở Tư pháp: Chuyển đổi số &amp; &lt;công đoàn&gt;</li>"));
    CHECK(contains(html, "<p>Báo cáo kết quả trước 30/6 &lt;khẩn&gt;.</p>"));
    CHECK(contains(html, "<dt>Địa điểm</dt><dd>Hội trường Liên đoàn Lao động tỉnh</dd>"));
    CHECK_FALSE(contains(html, "<công đoàn>"));
    CHECK(html.ends_with("</body>\n</html>\n"));
}

TEST_CASE("minutes of a seminar with nothing yet say so, and a contest has none", "[exports][minutes]") {
    ExportSource draft = test::planned_seminar();
    draft.instance.data = {{"title", "Hội thảo *mới*"}};
    const auto minutes = seminar_minutes(draft);
    REQUIRE(minutes.ok());
    const std::string text = minutes_markdown(*minutes);
    CHECK(contains(text, "- **Thời gian:** —\n"));
    CHECK(contains(text, "## Thành phần tham dự\n\nKhông có.\n"));
    CHECK(contains(text, "Chưa có kết luận."));
    CHECK(contains(minutes_html(*minutes), "<p>Không có.</p>"));

    draft.instance.workflow = "contest";
    const auto refused = seminar_minutes(draft);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().rule == "workflow");
}

TEST_CASE("a line of the conclusion that would start a Markdown list stays prose", "[exports][minutes]") {
    ExportSource source = test::planned_seminar();
    source.instance.data["conclusion"] = "- không phải danh sách\n1. cũng không\n= không phải tiêu đề";
    const std::string text = minutes_markdown(*seminar_minutes(source));
    CHECK(contains(text, "\\- không phải danh sách  \n1\\. cũng không  \n\\= không phải tiêu đề\n\n"));
    // Indented, it would still be a list (up to three spaces) or a code block (four).
    source.instance.data["conclusion"] = "  - thụt lề\n    mã";
    CHECK(contains(minutes_markdown(*seminar_minutes(source)), "\\- thụt lề  \nmã\n\n"));
}

TEST_CASE("a line break in the venue, chair or organiser unit stays inside its line of the minutes", "[exports][minutes]") {
    ExportSource source = test::planned_seminar();
    source.instance.data["venue"] = "Hội trường\n\n- mục giả";
    source.instance.data["chair"] = "Đồng chí Kiên\n---";
    const std::string text = minutes_markdown(*seminar_minutes(source));
    CHECK(contains(text, "Hội trường  - mục giả"));  // '-' inside a line needs no escape
    CHECK(contains(text, "Đồng chí Kiên ---"));
    CHECK_FALSE(contains(text, "\n- mục giả"));
}

}  // namespace
}  // namespace seminarflow
