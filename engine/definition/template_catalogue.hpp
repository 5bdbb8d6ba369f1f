#pragma once
// Message templates, one file per language (config/templates/vi.yaml, en.yaml), each mapping a
// template name to {subject, body}. Workflows name templates; every language must define the
// same names, so that no participant gets a message that exists only in another language.
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "engine/definition/definition_parser.hpp"
#include "engine/definition/diagnostics.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

struct MessageTemplate {
    std::string subject;
    std::string body;  // `{{field}}` placeholders name data fields of the instance
};

class TemplateCatalogue {
public:
    // The template names (the same in every language) and the fields each uses.
    TemplateFields fields() const;
    std::vector<std::string> languages() const;
    const MessageTemplate* find(std::string_view language, std::string_view name) const;

private:
    friend Result<TemplateCatalogue, std::vector<Diagnostic>> load_templates(const std::vector<SourceFile>&);
    std::map<std::string, std::map<std::string, MessageTemplate, std::less<>>, std::less<>> by_language_;
};

// Each file is named after its language (vi.yaml). Refuses unknown keys, empty texts, unclosed
// placeholders and a name that some language lacks.
Result<TemplateCatalogue, std::vector<Diagnostic>> load_templates(const std::vector<SourceFile>& files);
Result<TemplateCatalogue, std::vector<Diagnostic>> load_templates_directory(const std::filesystem::path& directory);

}  // namespace seminarflow
