#include "adapters/http/directory_routes.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/cursor.hpp"
#include "adapters/http/directory_json.hpp"
#include "adapters/http/directory_parsing.hpp"
#include "adapters/http/operator_answers.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

constexpr std::string_view write_directory = "change the directory";
// GET /v1/units/{ref} shows this many children and people at most; the listings page the rest.
constexpr std::size_t embedded_limit = max_page_limit;

Response json(unsigned status, const boost::json::object& body) {
    return json_response(status, boost::json::serialize(body));
}

Response unit_not_found(std::string_view ref) {
    return problem(404, "unit-not-found", "Unit not found", "there is no unit '" + std::string(ref) + "'");
}

Response person_not_found(std::string_view ref) {
    return problem(404, "person-not-found", "Person not found", "there is no person '" + std::string(ref) + "'");
}

// A refused batch of one, change or removal: which rule, for the member at fault.
Response refused(const DirectoryRefusal& refusal) {
    const boost::json::object extra{{"field", refusal.field}};
    switch (refusal.kind) {
    case DirectoryRefusalKind::conflict:
        return problem(409, "ref-conflict", "Ref taken", refusal.detail, extra);
    case DirectoryRefusalKind::unknown_parent:
        return problem(422, "unknown-parent", "Unknown parent", refusal.detail, extra);
    case DirectoryRefusalKind::cycle: return problem(422, "cycle", "Cycle in the hierarchy", refusal.detail, extra);
    case DirectoryRefusalKind::kind_order:
        return problem(422, "kind-order", "Kind out of order", refusal.detail, extra);
    case DirectoryRefusalKind::unknown_unit:
        return problem(422, "unknown-unit", "Unknown unit", refusal.detail, extra);
    case DirectoryRefusalKind::in_use:  // of the unit as a whole: no member at fault
        return problem(409, "unit-in-use", "Unit still in use", refusal.detail);
    }
    throw std::logic_error("a directory refusal of no known kind");
}

template <class Items, class Render>
boost::json::array rendered(const Items& items, Render render) {
    boost::json::array array;
    for (const auto& item : items) array.push_back(render(item));
    return array;
}

template <class Page, class Render>
Response page_response(const Page& page, DirectoryCursor kind, Render render) {
    return json(200, {{"items", rendered(page.items, render)},
                      {"next_cursor", page.next ? boost::json::value(encode_directory_cursor(kind, *page.next))
                                                : boost::json::value(nullptr)}});
}

// 201 with the entry and its Location when it was made, 200 with the stored one when it was
// there already as sent; a refusal otherwise.
template <class Entry, class Find, class Render>
Response saved_answer(const DirectorySaved& saved, const Entry& entry, std::string_view collection, Find find,
                      Render render) {
    if (saved.refusal) return refused(*saved.refusal);
    if (saved.created == 0) {
        auto stored = find(entry.ref);
        if (!stored) return store_unavailable(stored.error());
        return json(200, render(stored->value_or(entry)));
    }
    Response answer = json(201, render(entry));
    answer.headers.emplace_back("Location", std::string(collection) + "/" + path_segment(entry.ref));
    return answer;
}

Response add_unit(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto unit = parse_unit_request(request.body, post->at);
    if (!unit) return finish_post(context, *post, std::move(unit).error());
    auto saved = context.store.save_units({*unit});
    if (!saved) return store_unavailable(saved.error());
    return finish_post(context, *post,
                       saved_answer(*saved, *unit, "/v1/units",
                                    [&](std::string_view ref) { return context.store.find_unit(ref); }, unit_json));
}

Response add_person(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto person = parse_person_request(request.body, post->at);
    if (!person) return finish_post(context, *post, std::move(person).error());
    auto saved = context.store.save_people({*person});
    if (!saved) return store_unavailable(saved.error());
    return finish_post(context, *post,
                       saved_answer(*saved, *person, "/v1/people",
                                    [&](std::string_view ref) { return context.store.find_person(ref); }, person_json));
}

// 200 with the entry as it is after the change; 404 or the refusal otherwise.
template <class Entry, class Render>
Response changed_answer(const EntryChange<Entry>& change, Response not_found, Render render) {
    switch (change.outcome) {
    case EntryOutcome::done: return json(200, render(*change.entry));
    case EntryOutcome::no_entry: return not_found;
    case EntryOutcome::refused: return refused(*change.refusal);
    }
    throw std::logic_error("a directory change of no known outcome");
}

// 204, and no body, once removed; 404 or the refusal otherwise.
Response removed_answer(const EntryRemoval& removal, Response not_found) {
    switch (removal.outcome) {
    case EntryOutcome::done: return Response{204, "application/json", "", {}};
    case EntryOutcome::no_entry: return not_found;
    case EntryOutcome::refused: return refused(*removal.refusal);
    }
    throw std::logic_error("a directory removal of no known outcome");
}

Response change_unit(const ApiContext& context, const Request& request, std::string_view ref) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto patch = parse_unit_patch(request.body);
    if (!patch) return finish_post(context, *post, std::move(patch).error());
    auto changed = context.store.change_unit(ref, *patch, post->at);
    if (!changed) return store_unavailable(changed.error());
    return finish_post(context, *post, changed_answer(*changed, unit_not_found(ref), unit_json));
}

Response change_person(const ApiContext& context, const Request& request, std::string_view ref) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto patch = parse_person_patch(request.body);
    if (!patch) return finish_post(context, *post, std::move(patch).error());
    auto changed = context.store.change_person(ref, *patch, post->at);
    if (!changed) return store_unavailable(changed.error());
    return finish_post(context, *post, changed_answer(*changed, person_not_found(ref), person_json));
}

Response remove_unit(const ApiContext& context, const Request& request, std::string_view ref) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto removed = context.store.remove_unit(ref);
    if (!removed) return store_unavailable(removed.error());
    return finish_post(context, *post, removed_answer(*removed, unit_not_found(ref)));
}

Response remove_person(const ApiContext& context, const Request& request, std::string_view ref) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, write_directory)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto removed = context.store.remove_person(ref);
    if (!removed) return store_unavailable(removed.error());
    return finish_post(context, *post, removed_answer(*removed, person_not_found(ref)));
}

Response list_units(const ApiContext& context, const Request& request) {
    auto query = parse_units_query(request);
    if (!query) return std::move(query).error();
    auto page = context.store.list_units(query->filter, query->after, query->limit);
    if (!page) return store_unavailable(page.error());
    return page_response(*page, DirectoryCursor::units, unit_json);
}

Response get_unit(const ApiContext& context, std::string_view ref) {
    auto unit = context.store.find_unit(ref);
    if (!unit) return store_unavailable(unit.error());
    if (!*unit) return unit_not_found(ref);
    auto children = context.store.list_units(UnitFilter{.parent = std::string(ref)}, std::nullopt, embedded_limit);
    if (!children) return store_unavailable(children.error());
    auto people = context.store.list_people(PersonFilter{.unit = std::string(ref)}, std::nullopt, embedded_limit);
    if (!people) return store_unavailable(people.error());
    boost::json::object body = unit_json(**unit);
    body["children"] = rendered(children->items, unit_json);
    body["people"] = rendered(people->items, person_json);
    // Past embedded_limit the listings page the rest: ?parent= and ?unit= say where.
    body["children_complete"] = !children->next.has_value();
    body["people_complete"] = !people->next.has_value();
    return json(200, body);
}

Response list_descendants(const ApiContext& context, const Request& request, std::string_view ref) {
    auto query = parse_descendants_query(request);
    if (!query) return std::move(query).error();
    query->query.root = std::string(ref);
    auto page = context.store.list_descendants(query->query, query->after, query->limit);
    if (!page) return store_unavailable(page.error());
    if (!*page) return unit_not_found(ref);
    return page_response(**page, DirectoryCursor::units, unit_json);
}

Response list_people(const ApiContext& context, const Request& request) {
    auto query = parse_people_query(request);
    if (!query) return std::move(query).error();
    auto page = context.store.list_people(query->filter, query->after, query->limit);
    if (!page) return store_unavailable(page.error());
    return page_response(*page, DirectoryCursor::people, person_json);
}

Response get_person(const ApiContext& context, std::string_view ref) {
    auto person = context.store.find_person(ref);
    if (!person) return store_unavailable(person.error());
    if (!*person) return person_not_found(ref);
    return json(200, person_json(**person));
}

}  // namespace

void add_directory_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/units", Blocking::reads,
                [c](const Request& request, const PathParams&) { return list_units(*c, request); }});
    router.add({"POST", "/v1/units", Blocking::commits,
                [c](const Request& request, const PathParams&) { return add_unit(*c, request); }});
    router.add({"GET", "/v1/units/{ref}", Blocking::reads,
                [c](const Request&, const PathParams& params) { return get_unit(*c, param(params, "ref")); }});
    router.add({"PATCH", "/v1/units/{ref}", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return change_unit(*c, request, param(params, "ref"));
                }});
    router.add({"DELETE", "/v1/units/{ref}", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return remove_unit(*c, request, param(params, "ref"));
                }});
    router.add({"GET", "/v1/units/{ref}/units", Blocking::reads, [c](const Request& request, const PathParams& params) {
                    return list_descendants(*c, request, param(params, "ref"));
                }});
    router.add({"GET", "/v1/people", Blocking::reads,
                [c](const Request& request, const PathParams&) { return list_people(*c, request); }});
    router.add({"POST", "/v1/people", Blocking::commits,
                [c](const Request& request, const PathParams&) { return add_person(*c, request); }});
    router.add({"GET", "/v1/people/{ref}", Blocking::reads,
                [c](const Request&, const PathParams& params) { return get_person(*c, param(params, "ref")); }});
    router.add({"PATCH", "/v1/people/{ref}", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return change_person(*c, request, param(params, "ref"));
                }});
    router.add({"DELETE", "/v1/people/{ref}", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return remove_person(*c, request, param(params, "ref"));
                }});
}

}  // namespace seminarflow::http
