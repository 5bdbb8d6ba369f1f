#include "engine/exports/seminar_calendar.hpp"

#include <algorithm>

#include "engine/interpreter/evaluator.hpp"
#include "engine/model/contact.hpp"

namespace seminarflow {

std::optional<CalendarEvent> seminar_event_of(std::string_view instance_id, const boost::json::object& data,
                                              bool cancelled) {
    const auto starts_at = time_field(data, "starts_at");
    if (!starts_at || instance_id.empty()) return std::nullopt;
    CalendarEvent event;
    event.uid = std::string(instance_id) + "@seminarflow";
    event.cancelled = cancelled;
    const auto postponements = integer_field(data, "postponements");
    if (postponements && *postponements >= 0 && *postponements < 100000) event.sequence = static_cast<int>(*postponements);
    if (cancelled) ++event.sequence;  // a cancellation is one more revision of the event
    event.starts_at = *starts_at;
    event.ends_at = time_field(data, "ends_at");
    if (event.ends_at && *event.ends_at <= event.starts_at) event.ends_at.reset();  // no time at all: left out
    event.summary = text_field(data, "title");
    event.location = text_field(data, "venue");
    return event;
}

namespace {

std::optional<CalendarPerson> chair_with_email(const ExportSource& source) {
    for (const Participant& participant : source.participants) {
        if (participant.key.role != "chair") continue;
        const std::string address = text_field(participant.contact, "email");
        // Contacts are not checked when participants are added: an address with a line break in
        // it would write lines of its own into the calendar.
        if (!is_email_address(address)) continue;
        return CalendarPerson{participant.display_name, address};
    }
    return std::nullopt;
}

std::string description_of(const boost::json::object& data, const CalendarEvent& event) {
    const std::string zone = export_zone(data);
    std::string text;
    const std::string kind = text_field(data, "kind");
    if (!kind.empty()) text += seminar_kind_name(kind) + "\n";
    text += "Thời gian: " + vietnamese_time(event.starts_at, zone);
    if (event.ends_at) text += " đến " + vietnamese_time(*event.ends_at, zone);
    text += " (" + zone + ")";
    if (const std::string chair = text_field(data, "chair"); !chair.empty()) text += "\nChủ trì: " + chair;
    if (const std::string unit = text_field(data, "organiser_unit"); !unit.empty()) text += "\nĐơn vị tổ chức: " + unit;
    return text;
}

}  // namespace

std::vector<Duration> start_reminders(const Definition& definition, const boost::json::object& data) {
    const auto starts_at = time_field(data, "starts_at");
    if (!starts_at) return {};
    const boost::json::object nothing_changed;
    const EvaluationContext context{definition, data, nothing_changed};
    std::vector<Duration> found;
    for (const State& state : definition.states) {
        for (const TimerSpec& timer : state.timers) {
            if (timer.event != "remind" || !timer.at) continue;
            if (std::find(timer.anchors.begin(), timer.anchors.end(), "starts_at") == timer.anchors.end()) continue;
            const auto due = evaluate(*timer.at, context);
            const Time* at = due ? std::get_if<Time>(&due.value()) : nullptr;
            if (at && *at < *starts_at) found.push_back(Duration{*starts_at - *at});
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

Result<CalendarEvent, ExportRefusal> seminar_calendar(const ExportSource& source, const std::vector<Duration>& reminders) {
    const Instance& instance = source.instance;
    if (instance.workflow != "seminar") {
        return fail(ExportRefusal{"workflow", "a calendar is exported for a seminar; instance '" + instance.id +
                                                  "' is a " + instance.workflow});
    }
    auto event = seminar_event_of(instance.id, instance.data, instance.state == "cancelled");
    if (!event) {
        return fail(ExportRefusal{"starts_at", "seminar '" + instance.id +
                                                   "' has no starts_at yet: plan it (event `plan`) before exporting its calendar"});
    }
    // A calendar to import, not an iTIP message: no METHOD (PUBLISH would require an ORGANIZER,
    // and a DTSTAMP of the file's making rather than of the seminar's last change).
    event->method = CalendarMethod::none;
    if (event->summary.empty()) event->summary = seminar_kind_name(text_field(instance.data, "kind"));
    if (event->summary.empty()) event->summary = "Hội thảo";  // alarms need a text to show
    event->stamp = instance.updated_at;
    event->description = description_of(instance.data, *event);
    event->organizer = chair_with_email(source);
    event->alarms_before = reminders;
    return std::move(*event);
}

}  // namespace seminarflow
