#include "adapters/http/summary_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

boost::json::object by_state(const StateCounts& counts) {
    boost::json::object object;
    for (const auto& [state, count] : counts) object[state] = count;
    return object;
}

boost::json::object contributions_json(const InstanceSummary& summary) {
    const StateCounts& counts = summary_counts(summary, "submission");
    return {{"total", count_in(counts)},
            {"presented", count_in(counts, {"presented"})},
            {"accepted", count_in(counts, {"accepted", "scheduled", "presented"})},
            {"by_state", by_state(counts)}};
}

// A proposal is open until the chair answers it, forwards it, or it is withdrawn.
boost::json::object proposals_json(const InstanceSummary& summary) {
    const StateCounts& counts = summary_counts(summary, "proposal");
    return {{"total", count_in(counts)},
            {"answered", count_in(counts, {"answered"})},
            {"forwarded", count_in(counts, {"forwarded"})},
            {"withdrawn", count_in(counts, {"withdrawn"})},
            {"open", count_in(counts, {"recorded"})}};
}

// What a seminar's close waits for: directives neither done nor carried over are open.
boost::json::object directives_json(const InstanceSummary& summary) {
    const StateCounts& counts = summary_counts(summary, "directive");
    const std::int64_t done = count_in(counts, {"done"});
    const std::int64_t carried = count_in(counts, {"carried_over"});
    return {{"total", count_in(counts)},
            {"done", done},
            {"carried_over", carried},
            {"open", count_in(counts) - done - carried},
            {"by_state", by_state(counts)}};
}

boost::json::object rewards_json(const InstanceSummary& summary) {
    const StateCounts& counts = summary_counts(summary, "reward");
    boost::json::array recipients;
    std::int64_t count = 0, approved = 0, issued = 0, paid = 0;
    for (const RecipientRewards& row : summary.rewards) {
        recipients.push_back(boost::json::object{{"recipient", row.recipient},
                              {"recipient_kind", row.recipient_kind},
                              {"count", row.count},
                              {"approved_vnd", row.approved_vnd},
                              {"issued_vnd", row.issued_vnd},
                              {"paid_vnd", row.paid_vnd}});
        count += row.count;
        approved += row.approved_vnd;
        issued += row.issued_vnd;
        paid += row.paid_vnd;
    }
    return {{"count", count},
            {"recipients", summary.rewards.size()},
            {"approved_vnd", approved},
            {"issued_vnd", issued},
            {"paid_vnd", paid},
            {"pending", count_in(counts, {"nominated", "evaluated"})},
            {"declined", count_in(counts, {"declined"})},
            {"by_recipient", std::move(recipients)}};
}

boost::json::object participants_json(const InstanceSummary& summary) {
    boost::json::object roles;
    std::int64_t total = 0;
    for (const ParticipantCount& row : summary.participants) {
        auto& role = roles[row.role];
        if (!role.is_object()) role = boost::json::object{};
        role.as_object()[rsvp_name(row.rsvp)] = row.count;
        total += row.count;
    }
    return {{"total", total}, {"by_role", std::move(roles)}};
}

// A seminar is held once its session opened; cancelled ones and drafts are not.
boost::json::object seminars_json(const InstanceSummary& summary) {
    const auto found = summary.children.find("seminar");
    static const StateCounts none;
    const StateCounts& counts = found == summary.children.end() ? none : found->second;
    return {{"total", count_in(counts)},
            {"held", count_in(counts, {"in_session", "concluding", "concluded", "closed"})},
            {"by_state", by_state(counts)}};
}

Response get_summary(const ApiContext& context, std::string_view id) {
    auto summary = context.store.summarise_instance(id);
    if (!summary) return store_unavailable(summary.error());
    if (!*summary) return instance_not_found(id);
    if (!summarised_workflow((*summary)->workflow)) {
        return problem(422, "no-summary", "No summary",
                       "a summary is kept for seminars, contests and programmes; '" + std::string(id) + "' is a " +
                           (*summary)->workflow,
                       {{"workflow", (*summary)->workflow}});
    }
    return json_response(200, boost::json::serialize(summary_json(**summary)));
}

}  // namespace

boost::json::object summary_json(const InstanceSummary& summary) {
    boost::json::object object{{"instance_id", summary.instance_id},
                               {"workflow", summary.workflow},
                               {"state", summary.state},
                               {"contributions", contributions_json(summary)},
                               {"proposals", proposals_json(summary)},
                               {"directives", directives_json(summary)},
                               {"rewards", rewards_json(summary)},
                               {"participants", participants_json(summary)}};
    if (summary.workflow == "programme") object["seminars"] = seminars_json(summary);
    return object;
}

void add_summary_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/instances/{id}/summary", Blocking::reads,
                [c](const Request&, const PathParams& params) { return get_summary(*c, param(params, "id")); }});
}

}  // namespace seminarflow::http
