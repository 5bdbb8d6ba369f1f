#pragma once
// A notification as a CloudEvents 1.0 event in the structured JSON format
// (https://github.com/cloudevents/spec, json-format.md): the body of a webhook request.
//
//   specversion "1.0"; id: the notification's id (the same event to every endpoint); source:
//   "/seminarflow/workflows/<workflow>"; type: the template's name ("seminar.planned"); subject:
//   the instance's id; time: when the transition happened; datacontenttype "application/json";
//   data: what the notification carries (workflow, event, from, to, the instance's data).
#include <string>

#include "engine/model/notification.hpp"

namespace seminarflow::webhook {

// The media type of a structured-mode request (CloudEvents HTTP binding, 3.2).
inline constexpr const char* cloud_event_content_type = "application/cloudevents+json; charset=utf-8";

std::string render_cloud_event(const Notification& notification);

}  // namespace seminarflow::webhook
