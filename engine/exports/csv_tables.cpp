#include "engine/exports/csv_tables.hpp"

#include <algorithm>

#include "engine/exports/csv.hpp"
#include "engine/interpreter/contest_roll.hpp"
#include "engine/model/field.hpp"

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

// mean, best, rank and the scores of one round, by juror in alphabetical order (PostgreSQL's
// jsonb keeps an object's keys in an order of its own); empty cells before anyone scored.
std::vector<std::string> round_cells(const RoundResult& result) {
    if (result.scores.empty()) return {"", "", "", ""};
    std::vector<const JurorScore*> by_juror;
    for (const auto& score : result.scores) by_juror.push_back(&score);
    std::sort(by_juror.begin(), by_juror.end(), [](const JurorScore* a, const JurorScore* b) { return a->juror < b->juror; });
    std::string scores;
    for (const JurorScore* score : by_juror) {
        scores += (scores.empty() ? "" : "; ") + score->juror + ": " + describe_value(score->given);
    }
    const auto points = result.points();
    return {points_text(mean_points(points)), points_text(best_points(points)),
            result.rank ? std::to_string(*result.rank) : std::string(), scores};
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

Result<std::string, ExportRefusal> standings_csv(const ExportSource& source) {
    if (source.instance.workflow != "contest") {
        return fail(ExportRefusal{"workflow", "standings are exported for a contest; instance '" + source.instance.id +
                                                  "' is a " + source.instance.workflow});
    }
    auto roll = read_roll(source.instance.data);
    if (!roll) return fail(ExportRefusal{"contestants", std::move(roll).error()});
    CsvDocument csv({"number", "name", "unit", "region", "round_mean", "round_best", "round_rank", "round_scores",
                     "advanced", "final_mean", "final_best", "final_rank", "final_scores"});
    for (const Contestant& contestant : roll.value()) {
        std::vector<std::string> row{std::to_string(contestant.number), contestant.name, contestant.unit,
                                     contestant.region};
        for (auto& cell : round_cells(contestant.regional)) row.push_back(std::move(cell));
        row.push_back(contestant.advanced ? (*contestant.advanced ? "yes" : "no") : "");
        for (auto& cell : round_cells(contestant.final)) row.push_back(std::move(cell));
        csv.add_row(std::move(row));
    }
    return csv.text();
}

}  // namespace seminarflow
