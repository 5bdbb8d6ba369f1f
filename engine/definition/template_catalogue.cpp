#include "engine/definition/template_catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/yaml_mapping.hpp"

namespace seminarflow {
namespace {

// `{{ field }}` must open and close; a lone `{{` would print as is to every participant.
std::optional<std::string> placeholder_problem(std::string_view text) {
    std::size_t at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        const std::size_t end = text.find("}}", at + 2);
        if (end == std::string_view::npos) return "a `{{` is never closed with `}}`";
        const std::string_view name = text.substr(at + 2, end - at - 2);
        if (name.find_first_not_of(" abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string_view::npos ||
            name.find_first_not_of(' ') == std::string_view::npos) {
            return "`{{" + std::string(name) + "}}` is not a field name";
        }
        at = end + 2;
    }
    return std::nullopt;
}

std::optional<MessageTemplate> parse_template(const std::string& name, const YAML::Node& node, DiagnosticSink& sink) {
    const std::string what = "template '" + name + "'";
    if (!check_mapping(node, what, {"subject", "body"}, sink)) return std::nullopt;
    auto subject = read_text(node["subject"], what + " subject", sink);
    auto body = read_text(node["body"], what + " body", sink);
    if (!subject || !body) return std::nullopt;
    for (const auto& [part, text, at] : {std::tuple{"subject", &*subject, node["subject"]},
                                        std::tuple{"body", &*body, node["body"]}}) {
        if (text->empty()) {
            sink.error(location_of(at), what + " " + part + " is empty");
            return std::nullopt;
        }
        if (auto problem = placeholder_problem(*text)) {
            sink.error(location_of(at), what + " " + part + ": " + *problem);
            return std::nullopt;
        }
    }
    return MessageTemplate{std::move(*subject), std::move(*body)};
}

}  // namespace

std::set<std::string, std::less<>> TemplateCatalogue::names() const {
    std::set<std::string, std::less<>> names;
    if (by_language_.empty()) return names;
    for (const auto& [name, message] : by_language_.begin()->second) names.insert(name);
    return names;
}

std::vector<std::string> TemplateCatalogue::languages() const {
    std::vector<std::string> languages;
    for (const auto& [language, templates] : by_language_) languages.push_back(language);
    return languages;
}

const MessageTemplate* TemplateCatalogue::find(std::string_view language, std::string_view name) const {
    const auto templates = by_language_.find(language);
    if (templates == by_language_.end()) return nullptr;
    const auto found = templates->second.find(name);
    return found == templates->second.end() ? nullptr : &found->second;
}

Result<TemplateCatalogue, std::vector<Diagnostic>> load_templates(const std::vector<SourceFile>& files) {
    TemplateCatalogue catalogue;
    std::vector<Diagnostic> diagnostics;
    std::map<std::string, std::string> file_of_language;
    for (const auto& file : files) {
        DiagnosticSink sink(file.path);
        const std::string language = std::filesystem::path(file.path).stem().string();
        file_of_language[language] = file.path;
        YAML::Node root;
        try {
            root = YAML::Load(file.text);
        } catch (const YAML::Exception& error) {
            sink.error({error.mark.line + 1, error.mark.column + 1}, "not valid YAML: " + error.msg);
        }
        if (sink.empty() && !root.IsMap()) sink.error({}, "a template file maps template names to {subject, body}");
        if (sink.empty()) {
            auto& templates = catalogue.by_language_[language];
            for (const auto& entry : root) {
                const std::string name = entry.first.Scalar();
                if (templates.contains(name)) {
                    sink.error(location_of(entry.first), "template '" + name + "' is defined twice");
                } else if (auto message = parse_template(name, entry.second, sink)) {
                    templates.emplace(name, std::move(*message));
                }
            }
        }
        diagnostics.insert(diagnostics.end(), sink.diagnostics().begin(), sink.diagnostics().end());
    }
    if (!diagnostics.empty()) return fail(std::move(diagnostics));
    // Every language must define every name that any language defines.
    for (const auto& [language, templates] : catalogue.by_language_) {
        for (const auto& [other_language, others] : catalogue.by_language_) {
            for (const auto& [name, message] : others) {
                if (!templates.contains(name)) {
                    diagnostics.push_back({file_of_language[language], {},
                                           "template '" + name + "' is defined in " + other_language +
                                               ".yaml but missing here"});
                }
            }
        }
    }
    if (!diagnostics.empty()) return fail(std::move(diagnostics));
    return catalogue;
}

Result<TemplateCatalogue, std::vector<Diagnostic>> load_templates_directory(const std::filesystem::path& directory) {
    auto files = read_source_files(directory, {".yaml", ".yml"});
    if (!files) return fail(std::move(files).error());
    if (files->empty()) {
        return fail(std::vector<Diagnostic>{{directory.string(), {}, "no template files (vi.yaml, en.yaml) in this folder"}});
    }
    return load_templates(files.value());
}

}  // namespace seminarflow
