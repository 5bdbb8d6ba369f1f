#include "adapters/http/export_routes.hpp"

#include <functional>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/problem.hpp"
#include "engine/exports/csv_tables.hpp"
#include "engine/exports/minutes.hpp"
#include "engine/exports/seminar_calendar.hpp"

namespace seminarflow::http {
namespace {

// Pages as large as the store gives: an export wants every row.
constexpr std::size_t page_size = 500;

Result<std::vector<Instance>, StoreError> load_children(Store& store, const std::string& id) {
    std::vector<Instance> children;
    std::optional<InstancePosition> after;
    while (true) {
        auto page = store.list_instances(InstanceFilter{.parent = id}, after, page_size);
        if (!page) return fail(std::move(page).error());
        for (Instance& child : page->items) children.push_back(std::move(child));
        if (!page->next) return children;
        after = page->next;
    }
}

Result<std::vector<Participant>, StoreError> load_participants(Store& store, const std::string& id) {
    std::vector<Participant> participants;
    std::optional<ParticipantKey> after;
    while (true) {
        auto page = store.list_participants(id, {}, after, page_size);
        if (!page) return fail(std::move(page).error());
        if (!*page) return participants;  // the instance went between the two reads
        for (Participant& participant : (*page)->items) participants.push_back(std::move(participant));
        if (!(*page)->next) return participants;
        after = (*page)->next;
    }
}

// The instance with everything an export reads, or the answer that says why not.
Result<ExportSource, Response> load_source(const ApiContext& context, std::string_view id) {
    auto loaded = context.store.load_instance(id);
    if (!loaded) return fail(store_unavailable(loaded.error()));
    if (!*loaded) return fail(instance_not_found(id));
    ExportSource source{std::move(**loaded), {}, {}};
    auto children = load_children(context.store, source.instance.id);
    if (!children) return fail(store_unavailable(children.error()));
    source.children = std::move(children).value();
    auto participants = load_participants(context.store, source.instance.id);
    if (!participants) return fail(store_unavailable(participants.error()));
    source.participants = std::move(participants).value();
    return source;
}

Response not_applicable(const ExportRefusal& refusal) {
    return problem(422, "export-not-applicable", "Export not applicable", refusal.detail, {{"rule", refusal.rule}});
}

// A file the browser saves under a name rather than shows ("seminar-<id>.ics").
Response file_response(std::string content_type, std::string body, const Instance& instance, std::string_view name) {
    Response response = text_response(200, std::move(content_type), std::move(body));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + instance.workflow + "-" + instance.id + "-" + std::string(name) + "\"");
    return response;
}

using Export = std::function<Response(const ApiContext&, const ExportSource&)>;

Response calendar(const ApiContext& context, const ExportSource& source) {
    const Definition* definition = context.catalogue.find(source.instance.workflow, source.instance.definition_version);
    const std::vector<Duration> reminders = definition ? start_reminders(*definition, source.instance.data)
                                                         : std::vector<Duration>{};
    auto event = seminar_calendar(source, reminders);
    if (!event) return not_applicable(event.error());
    return file_response("text/calendar; charset=utf-8", calendar_text(*event), source.instance, "calendar.ics");
}

Response participants(const ApiContext&, const ExportSource& source) {
    return file_response("text/csv; charset=utf-8; header=present", participants_csv(source), source.instance,
                         "participants.csv");
}

Response rewards(const ApiContext&, const ExportSource& source) {
    auto table = rewards_csv(source);
    if (!table) return not_applicable(table.error());
    return file_response("text/csv; charset=utf-8; header=present", std::move(table).value(), source.instance,
                         "rewards.csv");
}

Response standings(const ApiContext&, const ExportSource& source) {
    auto table = standings_csv(source);
    if (!table) return not_applicable(table.error());
    return file_response("text/csv; charset=utf-8; header=present", std::move(table).value(), source.instance,
                         "standings.csv");
}

Response minutes_in(const ExportSource& source, bool html) {
    auto minutes = seminar_minutes(source);
    if (!minutes) return not_applicable(minutes.error());
    // Shown in the browser, not saved: the committee reads and prints it there.
    return html ? text_response(200, "text/html; charset=utf-8", minutes_html(*minutes))
                : text_response(200, "text/markdown; charset=utf-8", minutes_markdown(*minutes));
}

void add_export(Router& router, const ApiContext& context, std::string_view file, Export render) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/instances/{id}/" + std::string(file), Blocking::reads,
                [c, render = std::move(render)](const Request&, const PathParams& params) {
                    auto source = load_source(*c, param(params, "id"));
                    if (!source) return std::move(source).error();
                    return render(*c, *source);
                }});
}

}  // namespace

void add_export_routes(Router& router, const ApiContext& context) {
    add_export(router, context, "calendar.ics", calendar);
    add_export(router, context, "participants.csv", participants);
    add_export(router, context, "rewards.csv", rewards);
    add_export(router, context, "standings.csv", standings);
    add_export(router, context, "minutes.md",
               [](const ApiContext&, const ExportSource& source) { return minutes_in(source, false); });
    add_export(router, context, "minutes.html",
               [](const ApiContext&, const ExportSource& source) { return minutes_in(source, true); });
}

}  // namespace seminarflow::http
