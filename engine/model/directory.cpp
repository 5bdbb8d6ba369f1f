#include "engine/model/directory.hpp"

#include <algorithm>
#include <array>

#include "engine/model/message_language.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow {
namespace {

constexpr std::array<std::string_view, 5> kind_names{"federation", "district", "sector", "grassroots", "group"};
constexpr std::array<int, 5> kind_levels{0, 1, 1, 2, 3};
constexpr std::size_t max_ref_bytes = 200;
constexpr std::size_t max_name_bytes = 500;

bool has_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::optional<EntryProblem> text_problem(std::string_view field, std::string_view text, std::size_t max_bytes,
                                         bool required) {
    const std::string name(field);
    if (required && text.find_first_not_of(' ') == std::string_view::npos) {
        return EntryProblem{name, "'" + name + "' is required"};
    }
    if (text.size() > max_bytes) {
        return EntryProblem{name, "'" + name + "' is longer than " + std::to_string(max_bytes) + " bytes"};
    }
    if (!valid_utf8(text)) return EntryProblem{name, "'" + name + "' is not UTF-8"};
    if (has_control(text)) return EntryProblem{name, "'" + name + "' holds a control character"};
    return std::nullopt;
}

std::optional<EntryProblem> language_problem(std::string_view language) {
    if (is_message_language(language)) return std::nullopt;
    return EntryProblem{"language", "'" + std::string(utf8_prefix(language, 100)) +
                                        "' is not a language messages are written in: vi or en"};
}

std::optional<EntryProblem> contact_entry_problem(const Contact& contact) {
    if (auto problem = contact_problem(contact, true)) return EntryProblem{problem->field, problem->message};
    return std::nullopt;
}

}  // namespace

std::string_view unit_kind_name(UnitKind kind) { return kind_names[static_cast<std::size_t>(kind)]; }

std::optional<UnitKind> parse_unit_kind(std::string_view name) {
    for (std::size_t i = 0; i < kind_names.size(); ++i) {
        if (kind_names[i] == name) return static_cast<UnitKind>(i);
    }
    return std::nullopt;
}

std::string unit_kind_names() {
    std::string names;
    for (const auto name : kind_names) names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

int unit_kind_level(UnitKind kind) { return kind_levels[static_cast<std::size_t>(kind)]; }

bool same_content(const Unit& a, const Unit& b) {
    return a.ref == b.ref && a.kind == b.kind && a.name == b.name && a.parent == b.parent && a.contact == b.contact &&
           a.language == b.language;
}

bool same_content(const Person& a, const Person& b) {
    return a.ref == b.ref && a.name == b.name && a.unit == b.unit && a.title == b.title && a.contact == b.contact &&
           a.language == b.language;
}

std::optional<EntryProblem> ref_problem(std::string_view field, std::string_view ref) {
    if (auto problem = text_problem(field, ref, max_ref_bytes, true)) return problem;
    if (ref.front() == ' ' || ref.back() == ' ') {
        return EntryProblem{std::string(field), "'" + std::string(field) + "' starts or ends with a space"};
    }
    // A ref is a path segment of the API (/v1/units/{ref}), percent-decoded before it is matched.
    if (ref.find('/') != std::string_view::npos) {
        return EntryProblem{std::string(field), "'" + std::string(field) + "' holds a '/', which a ref may not"};
    }
    return std::nullopt;
}

std::optional<EntryProblem> unit_problem(const Unit& unit) {
    if (auto problem = ref_problem("ref", unit.ref)) return problem;
    if (auto problem = text_problem("name", unit.name, max_name_bytes, true)) return problem;
    if (unit.parent) {
        if (auto problem = ref_problem("parent", *unit.parent)) return problem;
    }
    if (auto problem = language_problem(unit.language)) return problem;
    return contact_entry_problem(unit.contact);
}

std::optional<EntryProblem> person_problem(const Person& person) {
    if (auto problem = ref_problem("ref", person.ref)) return problem;
    if (auto problem = text_problem("name", person.name, max_name_bytes, true)) return problem;
    if (person.unit) {
        if (auto problem = ref_problem("unit", *person.unit)) return problem;
    }
    if (auto problem = text_problem("title", person.title, max_name_bytes, false)) return problem;
    if (auto problem = language_problem(person.language)) return problem;
    return contact_entry_problem(person.contact);
}

}  // namespace seminarflow
