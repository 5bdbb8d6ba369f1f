#include "engine/definition/diagram.hpp"

namespace seminarflow {
namespace {

// An edge's label: the event, and who may send it when it is not only the engine.
std::string edge_label(const Transition& transition) {
    std::string label = transition.event;
    if (!transition.guard.empty()) label += " [guarded]";
    return label;
}

// Events that keep the state (no `target`) are not drawn as loops, which would bury the
// life-cycle under arrows; they are listed beside their state instead.
std::string internal_events(const State& state) {
    std::string events;
    for (const auto& transition : state.transitions) {
        if (!transition.target) events += (events.empty() ? "" : ", ") + edge_label(transition);
    }
    return events;
}

std::string draw_mermaid(const Definition& definition, std::string_view highlight) {
    std::string out = "---\ntitle: " + definition.name + " v" + std::to_string(definition.version) + "\n---\n";
    out += "stateDiagram-v2\n";
    out += "    [*] --> " + definition.states[definition.initial].name + "\n";
    for (const auto& state : definition.states) {
        for (const auto& transition : state.transitions) {
            if (!transition.target) continue;
            out += "    " + state.name + " --> " + definition.states[*transition.target].name + " : " +
                   edge_label(transition) + "\n";
        }
        if (state.final) out += "    " + state.name + " --> [*]\n";
        if (const std::string events = internal_events(state); !events.empty()) {
            out += "    note right of " + state.name + " : " + events + "\n";
        }
    }
    if (!highlight.empty() && definition.find_state(highlight)) {
        out += "    classDef current fill:#fde68a,stroke:#b45309,stroke-width:2px\n";
        out += "    class " + std::string(highlight) + " current\n";
    }
    return out;
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string draw_dot(const Definition& definition, std::string_view highlight) {
    std::string out = "digraph " + quoted(definition.name) + " {\n";
    out += "    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"sans-serif\"];\n";
    out += "    edge [fontname=\"sans-serif\", fontsize=10];\n";
    out += "    __start [shape=point, width=0.15];\n";
    out += "    __start -> " + quoted(definition.states[definition.initial].name) + ";\n";
    for (const auto& state : definition.states) {
        std::string attributes;
        if (const std::string events = internal_events(state); !events.empty()) {
            attributes += "label=" + quoted(state.name + "\n(" + events + ")");
        }
        if (state.final) attributes += std::string(attributes.empty() ? "" : ", ") + "peripheries=2";
        if (state.name == highlight) {
            attributes += std::string(attributes.empty() ? "" : ", ") + "style=\"rounded,filled\", fillcolor=\"#fde68a\"";
        }
        if (!attributes.empty()) out += "    " + quoted(state.name) + " [" + attributes + "];\n";
    }
    for (const auto& state : definition.states) {
        for (const auto& transition : state.transitions) {
            if (!transition.target) continue;
            out += "    " + quoted(state.name) + " -> " + quoted(definition.states[*transition.target].name) +
                   " [label=" + quoted(edge_label(transition)) + "];\n";
        }
    }
    return out + "}\n";
}

}  // namespace

std::optional<DiagramFormat> parse_diagram_format(std::string_view name) {
    if (name == "mermaid") return DiagramFormat::mermaid;
    if (name == "dot") return DiagramFormat::dot;
    return std::nullopt;
}

std::string draw(const Definition& definition, DiagramFormat format, std::string_view highlight) {
    return format == DiagramFormat::mermaid ? draw_mermaid(definition, highlight) : draw_dot(definition, highlight);
}

}  // namespace seminarflow
