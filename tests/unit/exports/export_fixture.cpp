#include "exports/export_fixture.hpp"

#include <catch2/catch.hpp>

namespace seminarflow::test {

ExportSource planned_seminar() {
    ExportSource source;
    source.instance.id = "0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4";
    source.instance.workflow = "seminar";
    source.instance.definition_version = 1;
    source.instance.state = "planned";
    source.instance.data = {{"title", "Tọa đàm: Công đoàn với chuyển đổi số"},
                            {"kind", "toa_dam"},
                            {"starts_at", "2027-03-20T01:00:00Z"},
                            {"ends_at", "2027-03-20T04:00:00Z"},
                            {"venue", "Hội trường Liên đoàn Lao động tỉnh"},
                            {"chair", "Đồng chí Nguyễn Văn Kiên"},
                            {"organiser_unit", "Ban Thường vụ Công đoàn Viên chức tỉnh"},
                            {"timezone", "Asia/Ho_Chi_Minh"},
                            {"postponements", 0}};
    source.instance.updated_at = *parse_rfc3339("2027-03-01T02:03:04Z");
    return source;
}

Instance child_of(const ExportSource& parent, const std::string& workflow, const std::string& state,
                  boost::json::object data) {
    Instance child;
    child.id = parent.instance.id + "-" + workflow + "-" + std::to_string(parent.children.size());
    child.workflow = workflow;
    child.state = state;
    child.data = std::move(data);
    child.parent = parent.instance.id;
    return child;
}

Participant participant_of(const std::string& ref, const std::string& role, const std::string& display_name,
                           Rsvp rsvp) {
    Participant participant;
    participant.key = ParticipantKey{ParticipantKind::person, ref, role};
    participant.display_name = display_name;
    participant.rsvp = rsvp;
    return participant;
}

std::vector<std::string> crlf_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = text.find("\r\n");
        REQUIRE(end != std::string_view::npos);
        const std::string_view line = text.substr(0, end);
        REQUIRE(line.find('\n') == std::string_view::npos);
        lines.emplace_back(line);
        text.remove_prefix(end + 2);
    }
    return lines;
}

}  // namespace seminarflow::test
