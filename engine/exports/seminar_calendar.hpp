#pragma once
// A seminar as a calendar event: what the email invitation and the calendar.ics export both say
// of it. The UID is "<instance id>@seminarflow" for every message and export about it, and the
// SEQUENCE the seminar's postponements (one more once it is cancelled), so that a calendar moves
// or cancels the one event it has rather than adding another. Pure.
#include <optional>
#include <string_view>
#include <vector>

#include "engine/exports/export_source.hpp"
#include "engine/exports/icalendar.hpp"
#include "engine/model/definition.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

// The event a seminar's data makes (uid, status, sequence, start, end, title, venue); nothing
// when the data has no `starts_at`. An end not after the start is left out.
std::optional<CalendarEvent> seminar_event_of(std::string_view instance_id, const boost::json::object& data,
                                              bool cancelled);

// How long before the start the workflow reminds the participants of a seminar holding `data`:
// every timer of `definition` that fires `remind` and hangs on starts_at (`starts_at - 1d`,
// `starts_at - reminder_lead`), computed as the scheduler would, shortest first, each once. A
// reminder moved into the YAML, or a new one, shows in the calendar without a change here.
std::vector<Duration> start_reminders(const Definition& definition, const boost::json::object& data);

// The calendar.ics export (METHOD:PUBLISH): the event above, stamped with the instance's last
// change (not the time of the request: one version of the seminar is one file, byte for byte), with the chair and the seminar's own wall-clock time in the description, the chair as
// ORGANIZER when a participant in role `chair` has an email address, and an alarm per reminder.
// Refused for an instance that is not a seminar, or a seminar with no `starts_at` yet.
Result<CalendarEvent, ExportRefusal> seminar_calendar(const ExportSource& source, const std::vector<Duration>& reminders);

}  // namespace seminarflow
