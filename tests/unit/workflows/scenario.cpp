#include "workflows/scenario.hpp"

#include <algorithm>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace seminarflow::test {
namespace {

// Where in the file a problem is: "walks/seminar.json: scenario 'x', step 3".
class Reader {
public:
    explicit Reader(std::string where) : where_(std::move(where)) {}

    [[noreturn]] void refuse(const std::string& why) const { throw std::runtime_error(where_ + ": " + why); }

    Reader within(const std::string& part) const { return Reader(where_ + ", " + part); }

    void only_keys(const boost::json::object& object, std::initializer_list<std::string_view> keys) const {
        for (const auto& entry : object) {
            bool known = false;
            for (const auto key : keys) known = known || entry.key() == key;
            if (!known) refuse("unknown key '" + std::string(entry.key()) + "'");
        }
    }

    const boost::json::object& object(const boost::json::value& value, std::string_view what) const {
        if (!value.is_object()) refuse(std::string(what) + " must be an object");
        return value.get_object();
    }

    const boost::json::array& array(const boost::json::value& value, std::string_view what) const {
        if (!value.is_array()) refuse(std::string(what) + " must be a list");
        return value.get_array();
    }

    std::string text(const boost::json::value& value, std::string_view what) const {
        if (!value.is_string()) refuse(std::string(what) + " must be a text");
        return std::string(value.get_string());
    }

    Time time(const boost::json::value& value, std::string_view what) const {
        const auto parsed = parse_rfc3339(text(value, what));
        if (!parsed) refuse(std::string(what) + " is not an RFC 3339 time: " + boost::json::serialize(value));
        return *parsed;
    }

    std::vector<std::string> texts(const boost::json::value& value, std::string_view what) const {
        std::vector<std::string> result;
        for (const auto& item : array(value, what)) result.push_back(text(item, what));
        return result;
    }

private:
    std::string where_;
};

Role read_role(const Reader& reader, const boost::json::value& value) {
    const std::string name = reader.text(value, "role");
    // Timers and children signalling their parent act as the engine itself.
    if (name == "system") return Role::system;
    const auto role = parse_api_role(name);
    if (!role) reader.refuse("unknown role '" + name + "'");
    return *role;
}

// {"submission": {"accepted": 4, "invited": 2}}: how many children of each workflow are in
// each state, as the runtime loads them for the guards.
std::vector<ChildCount> read_children(const Reader& reader, const boost::json::value& value) {
    std::vector<ChildCount> children;
    for (const auto& [workflow, states] : reader.object(value, "children")) {
        for (const auto& [state, count] : reader.object(states, "children of a workflow")) {
            if (!count.is_int64() || count.get_int64() < 0) reader.refuse("a child count must be a whole number");
            children.push_back(ChildCount{std::string(workflow), std::string(state), count.get_int64()});
        }
    }
    return children;
}

ExpectedEffect read_effect(const Reader& reader, const boost::json::value& value) {
    const auto& spec = reader.object(value, "an effect");
    ExpectedEffect effect;
    if (const auto* name = spec.if_contains("notify")) {
        reader.only_keys(spec, {"notify", "to"});
        effect.kind = ExpectedEffect::Kind::notify;
        effect.name = reader.text(*name, "notify");
        if (const auto* to = spec.if_contains("to")) effect.audience = reader.texts(*to, "to");
    } else if (const auto* timer = spec.if_contains("schedule")) {
        reader.only_keys(spec, {"schedule", "due", "event"});
        effect.kind = ExpectedEffect::Kind::schedule;
        effect.name = reader.text(*timer, "schedule");
        if (!spec.contains("due")) reader.refuse("schedule " + effect.name + " needs its 'due' time");
        effect.due = reader.time(spec.at("due"), "due");
        if (const auto* event = spec.if_contains("event")) effect.event = reader.text(*event, "event");
    } else if (const auto* cancelled = spec.if_contains("cancel")) {
        reader.only_keys(spec, {"cancel"});
        effect.kind = ExpectedEffect::Kind::cancel;
        effect.name = reader.text(*cancelled, "cancel");
    } else if (const auto* workflow = spec.if_contains("spawn")) {
        reader.only_keys(spec, {"spawn", "count", "data", "each"});
        effect.kind = ExpectedEffect::Kind::spawn;
        effect.name = reader.text(*workflow, "spawn");
        if (const auto* data = spec.if_contains("data")) {
            for (const auto& child : reader.array(*data, "data")) effect.child_data.push_back(reader.object(child, "child data"));
        }
        if (const auto* each = spec.if_contains("each")) effect.each = reader.object(*each, "each");
        effect.count = effect.child_data.empty() ? 1 : effect.child_data.size();
        if (const auto* count = spec.if_contains("count")) {
            if (!count->is_int64() || count->get_int64() < 1) reader.refuse("spawn count must be a positive number");
            effect.count = static_cast<std::size_t>(count->get_int64());
            if (!effect.child_data.empty() && effect.child_data.size() != effect.count) {
                reader.refuse("spawn " + effect.name + ": count and the length of data differ");
            }
        }
    } else if (const auto* event = spec.if_contains("signal")) {
        reader.only_keys(spec, {"signal", "payload"});
        effect.kind = ExpectedEffect::Kind::signal;
        effect.name = reader.text(*event, "signal");
        if (const auto* payload = spec.if_contains("payload")) effect.payload = reader.object(*payload, "payload");
    } else {
        reader.refuse("an effect is one of notify, schedule, cancel, spawn, signal: " + boost::json::serialize(value));
    }
    return effect;
}

Expectation read_expectation(const Reader& reader, const boost::json::value& value) {
    const auto& spec = reader.object(value, "expect");
    reader.only_keys(spec, {"state", "data", "effects", "rejected", "rule", "message"});
    Expectation expect;
    if (const auto* state = spec.if_contains("state")) expect.state = reader.text(*state, "state");
    if (const auto* data = spec.if_contains("data")) expect.data = reader.object(*data, "data");
    if (const auto* effects = spec.if_contains("effects")) {
        expect.effects.emplace();
        for (const auto& effect : reader.array(*effects, "effects")) expect.effects->push_back(read_effect(reader, effect));
    }
    if (const auto* rejected = spec.if_contains("rejected")) expect.rejected = reader.text(*rejected, "rejected");
    if (const auto* rule = spec.if_contains("rule")) expect.rule = reader.text(*rule, "rule");
    if (const auto* message = spec.if_contains("message")) expect.message = reader.text(*message, "message");
    if (!expect.rejected && (expect.rule || expect.message)) reader.refuse("'rule' and 'message' go with 'rejected'");
    if (expect.rejected && (expect.data || expect.effects)) reader.refuse("a rejection has no data or effects to expect");
    if (!expect.rejected && !expect.state) reader.refuse("expect names the state after the step, or a rejection");
    return expect;
}

ScenarioStart read_start(const Reader& reader, const boost::json::value& value) {
    const auto& spec = reader.object(value, "start");
    reader.only_keys(spec, {"state", "data", "parent_data", "children", "at", "expect"});
    ScenarioStart start;
    if (const auto* state = spec.if_contains("state")) start.state = reader.text(*state, "state");
    if (const auto* data = spec.if_contains("data")) start.data = reader.object(*data, "data");
    if (const auto* parent = spec.if_contains("parent_data")) start.parent_data = reader.object(*parent, "parent_data");
    if (const auto* children = spec.if_contains("children")) start.children = read_children(reader, *children);
    if (!spec.contains("at")) reader.refuse("start needs 'at', the time the instance is created");
    start.at_text = reader.text(spec.at("at"), "at");
    start.at = reader.time(spec.at("at"), "at");
    // An instance placed in a state is not started: there is no outcome to expect.
    if (start.state && spec.contains("expect")) reader.refuse("a placed instance ('state') has no 'expect'");
    if (!start.state && !spec.contains("expect")) reader.refuse("a started instance needs 'expect' (at least its state)");
    if (!start.state) start.expect = read_expectation(reader, spec.at("expect"));
    return start;
}

ScenarioStep read_step(const Reader& reader, const boost::json::value& value, const std::string& previous_at) {
    const auto& spec = reader.object(value, "a step");
    reader.only_keys(spec, {"event", "role", "payload", "at", "children", "parent_data", "expect"});
    ScenarioStep step;
    if (!spec.contains("event") || !spec.contains("role") || !spec.contains("expect")) {
        reader.refuse("a step needs 'event', 'role' and 'expect'");
    }
    step.event = reader.text(spec.at("event"), "event");
    step.role = read_role(reader, spec.at("role"));
    if (const auto* payload = spec.if_contains("payload")) step.payload = reader.object(*payload, "payload");
    // A step without `at` happens at the same time as the one before: most stories have
    // several things happen in the same minute.
    step.at_text = spec.contains("at") ? reader.text(spec.at("at"), "at") : previous_at;
    step.at = reader.time(boost::json::value(step.at_text), "at");
    if (const auto* children = spec.if_contains("children")) step.children = read_children(reader, *children);
    if (const auto* parent = spec.if_contains("parent_data")) step.parent_data = reader.object(*parent, "parent_data");
    step.expect = read_expectation(reader, spec.at("expect"));
    return step;
}

Scenario read_scenario(const Reader& file_reader, const boost::json::value& value, std::size_t index) {
    const auto& spec = file_reader.object(value, "a scenario");
    const std::string name = spec.contains("name") ? file_reader.text(spec.at("name"), "name")
                                                   : "#" + std::to_string(index + 1);
    const Reader reader = file_reader.within("scenario '" + name + "'");
    reader.only_keys(spec, {"name", "start", "steps"});
    if (!spec.contains("start") || !spec.contains("steps")) reader.refuse("a scenario needs 'start' and 'steps'");
    Scenario scenario{name, read_start(reader, spec.at("start")), {}};
    std::string previous_at = scenario.start.at_text;
    const auto& steps = reader.array(spec.at("steps"), "steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        scenario.steps.push_back(read_step(reader.within("step " + std::to_string(i + 1)), steps[i], previous_at));
        previous_at = scenario.steps.back().at_text;
    }
    return scenario;
}

// Parses JSON with comments, so that scenarios can say why a step is there; a syntax error
// names its line.
boost::json::value parse_json(const Reader& reader, const std::string& text) {
    boost::json::parse_options options;
    options.allow_comments = true;
    options.allow_trailing_commas = true;
    boost::json::stream_parser parser({}, options);
    boost::system::error_code error;
    const std::size_t consumed = parser.write(text.data(), text.size(), error);
    if (!error) parser.finish(error);
    if (error) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(consumed), '\n');
        reader.refuse("line " + std::to_string(line) + ": " + error.message());
    }
    return parser.release();
}

}  // namespace

ScenarioFile read_scenario_file(const std::filesystem::path& path) {
    const Reader reader(path.filename().string());
    std::ifstream stream(path, std::ios::binary);
    if (!stream) reader.refuse("cannot read " + path.string());
    const std::string text{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    const boost::json::value json = parse_json(reader, text);
    const auto& spec = reader.object(json, "a scenario file");
    reader.only_keys(spec, {"workflow", "scenarios"});
    if (!spec.contains("workflow") || !spec.contains("scenarios")) reader.refuse("needs 'workflow' and 'scenarios'");
    ScenarioFile file{reader.text(spec.at("workflow"), "workflow"), {}};
    const auto& scenarios = reader.array(spec.at("scenarios"), "scenarios");
    for (std::size_t i = 0; i < scenarios.size(); ++i) file.scenarios.push_back(read_scenario(reader, scenarios[i], i));
    return file;
}

}  // namespace seminarflow::test
