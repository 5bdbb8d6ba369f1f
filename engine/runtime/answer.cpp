#include "engine/runtime/answer.hpp"

#include <boost/json/array.hpp>

namespace seminarflow {
namespace {

boost::json::value optional_text(const std::optional<std::string>& text) {
    return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

boost::json::array texts(const std::vector<std::string>& items) { return boost::json::array(items.begin(), items.end()); }

}  // namespace

boost::json::object instance_json(const Instance& instance) {
    return {{"id", instance.id},
            {"workflow", instance.workflow},
            {"definition_version", instance.definition_version},
            {"state", instance.state},
            {"data", instance.data},
            {"parent", optional_text(instance.parent)},
            {"version", instance.version},
            {"created_at", format_rfc3339(instance.created_at)},
            {"updated_at", format_rfc3339(instance.updated_at)}};
}

boost::json::object history_json(const HistoryEntry& entry) {
    return {{"seq", entry.seq},
            {"event", entry.event},
            {"actor", {{"id", entry.actor.id}, {"role", role_name(entry.actor.role)}}},
            {"payload", entry.payload},
            {"from", optional_text(entry.from)},
            {"to", entry.to},
            {"at", format_rfc3339(entry.at)}};
}

boost::json::object effect_json(const Effect& effect) {
    return std::visit(
        [](const auto& item) -> boost::json::object {
            using T = std::decay_t<decltype(item)>;
            if constexpr (std::is_same_v<T, Notify>) {
                return {{"type", "notify"}, {"template", item.template_name}, {"audience", texts(item.audience)}};
            } else if constexpr (std::is_same_v<T, ScheduleTimer>) {
                return {{"type", "schedule_timer"}, {"name", item.name}, {"due", format_rfc3339(item.due)},
                        {"event", item.event}};
            } else if constexpr (std::is_same_v<T, CancelTimer>) {
                return {{"type", "cancel_timer"}, {"name", item.name}};
            } else if constexpr (std::is_same_v<T, SpawnChild>) {
                return {{"type", "spawn"}, {"workflow", item.workflow}, {"data", item.data}};
            } else {
                return {{"type", "signal_parent"}, {"event", item.event}, {"payload", item.payload}};
            }
        },
        effect);
}

boost::json::object answer_body(const Applied& applied) {
    boost::json::array effects;
    for (const Effect& effect : applied.effects) effects.push_back(effect_json(effect));
    boost::json::array spawned;
    for (const Instance& child : applied.spawned) spawned.push_back(boost::json::string(child.id));
    return {{"instance", instance_json(applied.instance)},
            {"history", history_json(applied.entry)},
            {"effects", std::move(effects)},
            {"spawned", std::move(spawned)}};
}

boost::json::object answer_body(const ApplyError& error) {
    boost::json::object body;
    if (error.rejection) {
        body["error"] = rejection_kind_name(error.rejection->kind);
        body["rule"] = error.rejection->rule;
    } else {
        switch (error.kind) {
        case ApplyError::Kind::not_found: body["error"] = "not_found"; break;
        case ApplyError::Kind::unknown_workflow: body["error"] = "unknown_workflow"; break;
        case ApplyError::Kind::busy: body["error"] = "busy"; break;
        case ApplyError::Kind::already_consumed: body["error"] = "already_consumed"; break;
        case ApplyError::Kind::key_reused: body["error"] = "idempotency_key_reused"; break;
        case ApplyError::Kind::store_failed:
        case ApplyError::Kind::rejected: body["error"] = "unavailable"; break;
        }
    }
    body["message"] = error.message;
    return body;
}

int answer_status(const ApplyError& error) {
    if (error.rejection) {
        switch (error.rejection->kind) {
        case RejectionKind::not_allowed_in_state:
        case RejectionKind::instance_finished: return 409;
        case RejectionKind::role_not_allowed: return 403;
        case RejectionKind::unknown_event:
        case RejectionKind::payload_invalid:
        case RejectionKind::guard_failed:
        case RejectionKind::action_failed: return 422;
        case RejectionKind::definition_mismatch: return 500;
        }
    }
    switch (error.kind) {
    case ApplyError::Kind::not_found:
    case ApplyError::Kind::unknown_workflow: return 404;
    case ApplyError::Kind::already_consumed: return 409;
    case ApplyError::Kind::key_reused: return 422;
    default: return 503;
    }
}

bool is_final(const ApplyError& error) {
    return error.kind == ApplyError::Kind::rejected || error.kind == ApplyError::Kind::not_found ||
           error.kind == ApplyError::Kind::unknown_workflow;
}

}  // namespace seminarflow
