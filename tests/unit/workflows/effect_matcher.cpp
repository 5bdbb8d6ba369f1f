#include "workflows/effect_matcher.hpp"

#include <boost/json/serialize.hpp>

namespace seminarflow::test {
namespace {

std::string list_of(const std::vector<std::string>& names) {
    if (names.empty()) return "every participant";
    std::string text = "[";
    for (const auto& name : names) text += (text.size() > 1 ? ", " : "") + name;
    return text + "]";
}

std::string describe(const Effect& effect) {
    if (const auto* notify = std::get_if<Notify>(&effect)) {
        return "notify " + notify->template_name + " to " + list_of(notify->audience);
    }
    if (const auto* timer = std::get_if<ScheduleTimer>(&effect)) {
        return "schedule " + timer->name + " at " + format_rfc3339(timer->due) + " -> " + timer->event;
    }
    if (const auto* cancel = std::get_if<CancelTimer>(&effect)) return "cancel " + cancel->name;
    if (const auto* spawn = std::get_if<SpawnChild>(&effect)) {
        return "spawn " + spawn->workflow + " " + boost::json::serialize(spawn->data);
    }
    const auto& signal = std::get<SignalParent>(effect);
    return "signal " + signal.event + " " + boost::json::serialize(signal.payload);
}

std::string describe(const ExpectedEffect& effect) {
    switch (effect.kind) {
    case ExpectedEffect::Kind::notify: return "notify " + effect.name + " to " + list_of(effect.audience);
    case ExpectedEffect::Kind::schedule:
        return "schedule " + effect.name + " at " + format_rfc3339(effect.due.value_or(Time{})) +
               (effect.event ? " -> " + *effect.event : "");
    case ExpectedEffect::Kind::cancel: return "cancel " + effect.name;
    case ExpectedEffect::Kind::spawn: return "spawn " + std::to_string(effect.count) + " " + effect.name;
    case ExpectedEffect::Kind::signal: return "signal " + effect.name + " " + boost::json::serialize(effect.payload);
    }
    return "?";
}

// Whether one actual effect is what one expected effect (or one child of a spawn) says.
std::optional<std::string> match_one(const ExpectedEffect& expected, std::size_t child, const Effect& actual) {
    switch (expected.kind) {
    case ExpectedEffect::Kind::notify: {
        const auto* notify = std::get_if<Notify>(&actual);
        if (notify && notify->template_name == expected.name && notify->audience == expected.audience) return {};
        break;
    }
    case ExpectedEffect::Kind::schedule: {
        const auto* timer = std::get_if<ScheduleTimer>(&actual);
        if (timer && timer->name == expected.name && timer->due == expected.due &&
            (!expected.event || timer->event == *expected.event)) {
            return {};
        }
        break;
    }
    case ExpectedEffect::Kind::cancel: {
        const auto* cancel = std::get_if<CancelTimer>(&actual);
        if (cancel && cancel->name == expected.name) return {};
        break;
    }
    case ExpectedEffect::Kind::spawn: {
        const auto* spawn = std::get_if<SpawnChild>(&actual);
        if (!spawn || spawn->workflow != expected.name) break;
        const std::string which = "child " + std::to_string(child + 1) + " of " + expected.name;
        if (auto difference = match_fields(expected.each, spawn->data, which + " data")) return difference;
        if (child < expected.child_data.size()) return match_fields(expected.child_data[child], spawn->data, which + " data");
        return {};
    }
    case ExpectedEffect::Kind::signal: {
        const auto* signal = std::get_if<SignalParent>(&actual);
        if (!signal || signal->event != expected.name) break;
        return match_fields(expected.payload, signal->payload, "signal " + expected.name + " payload");
    }
    }
    return "expected " + describe(expected) + ", got " + describe(actual);
}

}  // namespace

std::optional<std::string> match_effects(const std::vector<ExpectedEffect>& expected, const std::vector<Effect>& actual) {
    const auto report = [&](std::size_t position, const std::string& difference) {
        return "effect " + std::to_string(position + 1) + ": " + difference +
               "\n  all effects: " + describe_effects(actual);
    };
    std::size_t position = 0;
    for (const auto& effect : expected) {
        for (std::size_t child = 0; child < effect.count; ++child, ++position) {
            if (position == actual.size()) return report(position, "expected " + describe(effect) + ", but there is none");
            if (auto difference = match_one(effect, child, actual[position])) return report(position, *difference);
        }
    }
    if (position < actual.size()) return report(position, "unexpected " + describe(actual[position]));
    return {};
}

std::optional<std::string> match_fields(const boost::json::object& expected, const boost::json::object& actual,
                                        const std::string& what) {
    for (const auto& [field, value] : expected) {
        const auto* found = actual.if_contains(field);
        const bool unset = !found || found->is_null();
        if (value.is_null() ? unset : (found && *found == value)) continue;
        return what + "." + std::string(field) + " is " + (unset ? "not set" : boost::json::serialize(*found)) +
               ", expected " + (value.is_null() ? "not set" : boost::json::serialize(value));
    }
    return {};
}

std::string describe_effects(const std::vector<Effect>& effects) {
    if (effects.empty()) return "none";
    std::string text;
    for (const auto& effect : effects) text += (text.empty() ? "" : "; ") + describe(effect);
    return text;
}

}  // namespace seminarflow::test
