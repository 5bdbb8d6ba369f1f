#include "adapters/http/board_routes.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/cursor.hpp"
#include "adapters/http/parsing_parts.hpp"
#include "engine/board/lateness.hpp"

namespace seminarflow::http {
namespace {

using namespace parsing;

// What a committee plans and follows on the board; their children (tham luận, directives...)
// show on the event's own page.
constexpr std::array<std::string_view, 3> board_workflows{"seminar", "contest", "programme"};

Parsed<BoardQuery> parse_board_query(const Request& request) {
    if (auto refused = check_parameters(request, {"workflow", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    BoardQuery query{.workflows = {board_workflows.begin(), board_workflows.end()}, .limit = *limit};
    if (const auto workflow = filter_value(request, "workflow")) {
        if (std::find(board_workflows.begin(), board_workflows.end(), *workflow) == board_workflows.end()) {
            return bad_parameter("workflow", "the board shows seminar, contest and programme, not '" +
                                                 workflow->substr(0, 100) + "'");
        }
        query.workflows = std::vector<std::string>{*workflow};
    }
    if (const std::string_view cursor = request.query_value("cursor"); !cursor.empty()) {
        query.after = decode_instance_cursor(cursor);
        if (!query.after) return foreign_cursor("board");
    }
    return query;
}

boost::json::value text_or_null(const boost::json::object& data, std::string_view key) {
    const auto* value = data.if_contains(key);
    return value && value->is_string() ? *value : boost::json::value(nullptr);
}

boost::json::object late_json(const Late& late) {
    boost::json::object item{{"kind", late_kind_name(late.kind)}, {"count", late.count}};
    if (late.due) item["due"] = format_rfc3339(*late.due);
    return item;
}

boost::json::object board_item_json(const ApiContext& context, const BoardRow& row, Time now) {
    const Instance& instance = row.instance;
    const Definition* definition = context.catalogue.find(instance.workflow, instance.definition_version);
    const State* state = definition ? definition->find_state(instance.state) : nullptr;
    boost::json::array late;
    for (const Late& item : lateness(row, now)) late.push_back(late_json(item));
    return {{"id", instance.id},
            {"workflow", instance.workflow},
            {"state", instance.state},
            // A version this server has not loaded cannot say; it is shown as still running.
            {"final", state && state->final},
            {"title", text_or_null(instance.data, "title")},
            {"starts_at", text_or_null(instance.data, "starts_at")},
            {"parent", instance.parent ? boost::json::value(*instance.parent) : nullptr},
            {"updated_at", format_rfc3339(instance.updated_at)},
            {"late", std::move(late)}};
}

Response get_board(const ApiContext& context, const Request& request) {
    auto query = parse_board_query(request);
    if (!query) return std::move(query).error();
    auto listed = context.store.list_board(*query);
    if (!listed) return store_unavailable(listed.error());
    const Time now = clock_of(context).now();
    boost::json::array items;
    for (const BoardRow& row : listed->items) items.push_back(board_item_json(context, row, now));
    return json_response(200, boost::json::serialize(boost::json::object{
                                  {"items", std::move(items)},
                                  {"next_cursor", listed->next ? boost::json::value(encode_instance_cursor(*listed->next))
                                                               : boost::json::value(nullptr)}}));
}

}  // namespace

void add_board_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/board", Blocking::reads,
                [c](const Request& request, const PathParams&) { return get_board(*c, request); }});
}

}  // namespace seminarflow::http
