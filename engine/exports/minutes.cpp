#include "engine/exports/minutes.hpp"

namespace seminarflow {
namespace {

std::string or_dash(std::string text) { return text.empty() ? std::string("—") : text; }

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> facts_of(const boost::json::object& data) {
    const std::string zone = export_zone(data);
    std::string when = "—";
    if (const auto starts_at = time_field(data, "starts_at")) {
        when = vietnamese_time(*starts_at, zone);
        if (const auto ends_at = time_field(data, "ends_at"); ends_at && *ends_at > *starts_at) {
            when += " đến " + vietnamese_time(*ends_at, zone);
        }
        when += " (" + zone + ")";
    }
    const std::string kind = text_field(data, "kind");
    return {{"Hình thức", or_dash(kind.empty() ? std::string() : seminar_kind_name(kind))},
            {"Thời gian", when},
            {"Địa điểm", or_dash(one_line(text_field(data, "venue")))},
            {"Chủ trì", or_dash(one_line(text_field(data, "chair")))},
            {"Đơn vị tổ chức", or_dash(one_line(text_field(data, "organiser_unit")))}};
}

MinutesSection attendees(const ExportSource& source) {
    MinutesSection section{"Thành phần tham dự", {}, {}};
    for (const Participant& participant : source.participants) {
        if (participant.rsvp == Rsvp::declined) continue;  // invited, and said they would not come
        const std::string name = participant.display_name.empty() ? participant.key.ref : participant.display_name;
        section.items.push_back(one_line(name) + " (" + participant.key.role + ")");
    }
    return section;
}

MinutesSection contributions(const ExportSource& source) {
    MinutesSection section{"Tham luận trình bày", {}, {}};
    for (const Instance* submission : children_of(source, "submission", {"presented", "scheduled", "accepted"})) {
        section.items.push_back(one_line(text_field(submission->data, "unit") + ": " +
                                         or_dash(text_field(submission->data, "title"))));
    }
    return section;
}

std::string proposal_item(const Instance& proposal) {
    const boost::json::object& data = proposal.data;
    std::string item = text_field(data, "unit");
    if (const std::string by = text_field(data, "raised_by"); !by.empty()) item += " (" + by + ")";
    item += ": " + text_field(data, "content");
    const std::string answer = text_field(data, "answer");
    item += answer.empty() ? " — Chưa trả lời" : " — Trả lời: " + answer;
    if (const std::string to = text_field(data, "forwarded_to"); !to.empty()) item += " — Chuyển đến: " + to;
    if (const std::string reply = text_field(data, "reply"); !reply.empty()) item += " — Ý kiến trả lời: " + reply;
    return one_line(item);
}

MinutesSection proposals(const ExportSource& source) {
    MinutesSection section{"Kiến nghị và trả lời", {}, {}};
    for (const Instance* proposal : children_of(source, "proposal", {"recorded", "answered", "forwarded"})) {
        section.items.push_back(proposal_item(*proposal));
    }
    return section;
}

MinutesSection directives(const ExportSource& source) {
    MinutesSection section{"Chỉ đạo thực hiện kết luận", {}, {}};
    const std::string zone = export_zone(source.instance.data);
    for (const Instance* directive : children_of(source, "directive")) {
        const boost::json::object& data = directive->data;
        std::string item = text_field(data, "unit") + ": " + text_field(data, "task");
        if (const auto due = time_field(data, "due_at")) item += " — Hạn: " + vietnamese_time(*due, zone);
        section.items.push_back(one_line(item + " — Trạng thái: " + directive->state));
    }
    return section;
}

MinutesSection rewards(const ExportSource& source) {
    MinutesSection section{"Khen thưởng", {}, {}};
    std::int64_t total = 0;
    for (const Instance* reward : children_of(source, "reward", {"nominated", "evaluated", "approved", "issued", "published"})) {
        const boost::json::object& data = reward->data;
        const std::int64_t amount = integer_field(data, "amount_vnd").value_or(0);
        total = add_vnd(total, amount);
        section.items.push_back(one_line(text_field(data, "recipient") + ": " +
                                         certificate_kind_name(text_field(data, "certificate_kind")) + ", " +
                                         vietnamese_vnd(amount)));
    }
    if (!section.items.empty()) section.items.push_back("Tổng cộng: " + vietnamese_vnd(total));
    return section;
}

}  // namespace

Result<Minutes, ExportRefusal> seminar_minutes(const ExportSource& source) {
    const Instance& instance = source.instance;
    if (instance.workflow != "seminar") {
        return fail(ExportRefusal{"workflow", "minutes are kept of a seminar; instance '" + instance.id + "' is a " +
                                                  instance.workflow});
    }
    Minutes minutes;
    minutes.title = "Biên bản: " + one_line(text_field(instance.data, "title"));
    minutes.facts = facts_of(instance.data);
    minutes.sections = {attendees(source), contributions(source), proposals(source)};
    const std::string conclusion = text_field(instance.data, "conclusion");
    minutes.sections.push_back({"Kết luận", {}, conclusion.empty() ? std::string("Chưa có kết luận.") : conclusion});
    minutes.sections.push_back(directives(source));
    minutes.sections.push_back(rewards(source));
    return minutes;
}

}  // namespace seminarflow
