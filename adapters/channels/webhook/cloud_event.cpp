#include "adapters/channels/webhook/cloud_event.hpp"

#include <boost/json/serialize.hpp>

namespace seminarflow::webhook {

std::string render_cloud_event(const Notification& notification) {
    const auto workflow = notification.payload.if_contains("workflow");
    // seminarflow's own notices to operators (seminarflow.endpoint.disabled) come from no workflow.
    const bool operational = notification.template_name.starts_with("seminarflow.");
    const std::string source =
        operational ? std::string("/seminarflow/operations")
                    : "/seminarflow/workflows/" + (workflow && workflow->is_string() ? std::string(workflow->as_string())
                                                                                      : std::string("unknown"));
    boost::json::object event{
        {"specversion", "1.0"},
        {"id", notification.id},
        {"source", source},
        {"type", notification.template_name},
        {"time", format_rfc3339(notification.created_at)},
        {"datacontenttype", "application/json"},
        {"data", notification.payload},
    };
    // An instance deleted since keeps its notifications, without a subject.
    if (!notification.instance_id.empty()) event["subject"] = notification.instance_id;
    return boost::json::serialize(event);
}

}  // namespace seminarflow::webhook
