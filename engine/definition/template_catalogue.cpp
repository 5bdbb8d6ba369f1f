#include "engine/definition/template_catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/template_text.hpp"
#include "engine/definition/yaml_mapping.hpp"

namespace seminarflow {
namespace {

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
        if (auto pieces = parse_template_text(*text); !pieces) {
            sink.error(location_of(at), what + " " + part + ": " + pieces.error());
            return std::nullopt;
        }
    }
    return MessageTemplate{std::move(*subject), std::move(*body)};
}

}  // namespace

TemplateFields TemplateCatalogue::fields() const {
    TemplateFields fields;
    for (const auto& [language, templates] : by_language_) {
        for (const auto& [name, message] : templates) {
            auto& used = fields[name];
            for (const std::string* text : {&message.subject, &message.body}) {
                // The loader parsed every text already: a failure here cannot happen.
                auto pieces = parse_template_text(*text);
                if (!pieces) continue;
                for (const auto& piece : *pieces) {
                    if (piece.placeholder) used.insert(std::string(placeholder_field(piece.text)));
                }
            }
        }
    }
    return fields;
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
