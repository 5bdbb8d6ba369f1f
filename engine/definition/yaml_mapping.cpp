#include "engine/definition/yaml_mapping.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "engine/definition/suggest.hpp"

namespace seminarflow {

SourceLocation location_of(const YAML::Node& node) {
    // yaml-cpp throws when asked anything but IsDefined() of a key that is not there.
    if (!node.IsDefined()) return {};
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

bool check_mapping(const YAML::Node& node, std::string_view what, std::initializer_list<std::string_view> allowed,
                   DiagnosticSink& sink) {
    if (!node.IsDefined() || !node.IsMap()) {
        sink.error(location_of(node), std::string(what) + " must be a mapping of keys to values");
        return false;
    }
    const std::vector<std::string> allowed_names(allowed.begin(), allowed.end());
    std::set<std::string, std::less<>> seen;
    bool clean = true;
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string known;
            for (const auto name : allowed) known += (known.empty() ? "" : ", ") + std::string(name);
            sink.error(location_of(entry.first), "unknown key '" + key + "' in " + std::string(what) +
                                                     did_you_mean(key, allowed_names) + "; known keys: " + known);
            clean = false;
        } else if (!seen.insert(key).second) {
            sink.error(location_of(entry.first), "key '" + key + "' is given twice in " + std::string(what));
            clean = false;
        }
    }
    return clean;
}

std::optional<std::string> read_text(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    if (!node.IsDefined() || node.IsNull()) {
        sink.error(location_of(node), std::string(what) + " is missing");
        return std::nullopt;
    }
    if (!node.IsScalar()) {
        sink.error(location_of(node), std::string(what) + " must be a single value");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<long long> read_integer(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    if (node.IsDefined() && node.IsScalar()) {
        const std::string& text = node.Scalar();
        long long value = 0;
        const auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc{} && rest == text.data() + text.size()) return value;
    }
    sink.error(location_of(node), std::string(what) + " must be a whole number");
    return std::nullopt;
}

std::optional<bool> read_boolean(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    if (node.IsDefined() && node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) return node.Scalar() == "true";
    sink.error(location_of(node), std::string(what) + " must be true or false");
    return std::nullopt;
}

std::optional<std::vector<std::string>> read_text_list(const YAML::Node& node, std::string_view what,
                                                       DiagnosticSink& sink) {
    std::vector<std::string> items;
    if (!node.IsDefined()) {
        sink.error(location_of(node), std::string(what) + " is missing");
        return std::nullopt;
    }
    if (node.IsScalar()) {
        items.push_back(node.Scalar());
        return items;
    }
    if (!node.IsSequence()) {
        sink.error(location_of(node), std::string(what) + " must be a list, e.g. [a, b]");
        return std::nullopt;
    }
    for (const auto& item : node) {
        auto text = read_text(item, std::string(what) + " entries", sink);
        if (!text) return std::nullopt;
        items.push_back(std::move(*text));
    }
    return items;
}

boost::json::value scalar_to_json(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    if (node.Tag() == "!") return boost::json::value(text);  // quoted: always text
    if (node.IsNull() || text == "~" || text == "null") return nullptr;
    if (text == "true" || text == "false") return text == "true";
    long long whole = 0;
    if (auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), whole);
        error == std::errc{} && rest == text.data() + text.size()) {
        return whole;
    }
    double number = 0;
    if (auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        error == std::errc{} && rest == text.data() + text.size()) {
        return number;
    }
    return boost::json::value(text);
}

}  // namespace seminarflow
