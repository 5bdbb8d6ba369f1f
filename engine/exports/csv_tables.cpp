#include "engine/exports/csv_tables.hpp"

#include "engine/exports/csv.hpp"

namespace seminarflow {
namespace {

std::string contact_text(const boost::json::object& contact) {
    std::string text;
    for (const auto& [channel, address] : contact) {
        if (!address.is_string()) continue;
        if (!text.empty()) text += "; ";
        text += std::string(channel) + ": " + std::string(address.get_string());
    }
    return text;
}

std::string amount_text(const std::optional<std::int64_t>& amount) {
    return amount ? std::to_string(*amount) : std::string();
}

}  // namespace

std::string participants_csv(const ExportSource& source) {
    CsvDocument csv({"kind", "ref", "display_name", "role", "rsvp", "language", "contact"});
    for (const Participant& participant : source.participants) {
        csv.add_row({std::string(participant_kind_name(participant.key.kind)), participant.key.ref,
                     participant.display_name, participant.key.role, std::string(rsvp_name(participant.rsvp)),
                     participant.language, contact_text(participant.contact)});
    }
    return csv.text();
}

Result<std::string, ExportRefusal> rewards_csv(const ExportSource& source) {
    const std::string& workflow = source.instance.workflow;
    if (workflow != "seminar" && workflow != "contest") {
        return fail(ExportRefusal{"workflow", "rewards are exported for a seminar or a contest; instance '" +
                                                  source.instance.id + "' is a " + workflow});
    }
    CsvDocument csv({"recipient", "recipient_kind", "achievement", "certificate_kind", "amount_vnd", "state",
                     "decision_number", "certificate_number", "paid_vnd"});
    std::int64_t total = 0;
    std::int64_t paid_total = 0;
    for (const Instance* reward : children_of(source, "reward")) {
        const boost::json::object& data = reward->data;
        const auto amount = integer_field(data, "amount_vnd");
        const auto paid = integer_field(data, "paid_vnd");
        if (amount && reward->state != "declined") total = add_vnd(total, *amount);
        if (paid) paid_total = add_vnd(paid_total, *paid);
        csv.add_row({text_field(data, "recipient"), text_field(data, "recipient_kind"), text_field(data, "achievement"),
                     certificate_kind_name(text_field(data, "certificate_kind")), amount_text(amount), reward->state,
                     text_field(data, "decision_number"), text_field(data, "certificate_number"), amount_text(paid)});
    }
    csv.add_row({"Tổng cộng", "", "", "", std::to_string(total), "", "", "", std::to_string(paid_total)});
    return csv.text();
}

}  // namespace seminarflow
