#include "adapters/http/directory_parsing.hpp"

#include "adapters/http/cursor.hpp"
#include "adapters/http/request_parsing.hpp"
#include "engine/directory/directory_change.hpp"

namespace seminarflow::http {
namespace {

using namespace parsing;

constexpr int max_depth = 100;

Failure<Response> entry_refusal(const EntryProblem& problem) { return invalid_body(problem.field, problem.message); }

// An optional member that is a ref or null.
Parsed<std::optional<std::string>> optional_ref(const boost::json::object& body, std::string_view name) {
    const auto* value = body.if_contains(name);
    if (!value || value->is_null()) return std::optional<std::string>{};
    if (!value->is_string()) {
        return invalid_body(name, "'" + std::string(name) + "' must be a ref (a string) or null, not " +
                                      std::string(kind_of(*value)));
    }
    return std::optional<std::string>(value->get_string());
}

Parsed<UnitKind> kind_member(const boost::json::object& body) {
    auto kind = required_text(body, "kind");
    if (!kind) return fail(std::move(kind).error());
    const auto parsed = parse_unit_kind(*kind);
    if (!parsed) {
        return invalid_body("kind", "'kind' must be one of " + unit_kind_names() + ", not '" + kind->substr(0, 100) + "'");
    }
    return *parsed;
}

// A new entry's language without one, and a patched one's when the patch sets it to null.
constexpr std::string_view default_language = "vi";

// default_language without it; the value is checked with the rest of the entry.
Parsed<std::string> language_member(const boost::json::object& body) {
    auto language = optional_text(body, "language", "vi or en");
    if (!language) return fail(std::move(language).error());
    return language->value_or(std::string(default_language));
}

// Whether the patch sets `name` to null: takes it back, or is refused for what an entry needs.
bool nulled(const boost::json::object& body, std::string_view name) {
    const auto* value = body.if_contains(name);
    return value && value->is_null();
}

Failure<Response> not_removable(std::string_view name) {
    return invalid_body(name, "'" + std::string(name) + "' cannot be removed, only replaced");
}

// A patch's "ref": refused even when it is the ref already, so that nobody believes a ref moved.
Failure<Response> ref_kept(std::string_view noun) {
    return invalid_body("ref", "'ref' cannot be changed: it names the " + std::string(noun) +
                                   " for good (participants, tokens and CSV files know it by it)");
}

// A patch's name: the new one, if it has one.
Parsed<std::optional<std::string>> patched_name(const boost::json::object& body) {
    if (!body.contains("name")) return std::optional<std::string>{};
    if (nulled(body, "name")) return not_removable("name");
    auto name = required_text(body, "name");
    if (!name) return fail(std::move(name).error());
    return std::optional<std::string>(std::move(name).value());
}

// A patch's ref member that may be null (parent, unit): set if the patch has it.
Parsed<std::optional<std::optional<std::string>>> patched_ref(const boost::json::object& body, std::string_view name) {
    if (!body.contains(name)) return std::optional<std::optional<std::string>>{};
    auto ref = optional_ref(body, name);
    if (!ref) return fail(std::move(ref).error());
    return std::optional<std::optional<std::string>>(std::move(ref).value());
}

// A patch's contact: itself a merge patch (an object) or null; its channels are checked once
// applied (patch_problem).
Parsed<std::optional<boost::json::value>> patched_contact(const boost::json::object& body) {
    const auto* value = body.if_contains("contact");
    if (!value) return std::optional<boost::json::value>{};
    if (!value->is_object() && !value->is_null()) {
        return invalid_body("contact", "'contact' must be an object of strings (a null member removes that channel) "
                                       "or null, not " + std::string(kind_of(*value)));
    }
    return std::optional<boost::json::value>(*value);
}

// A patch's text member that null resets to `reset` (language: vi; title: none).
Parsed<std::optional<std::string>> patched_text(const boost::json::object& body, std::string_view name,
                                                std::string_view expected, std::string_view reset) {
    if (nulled(body, name)) return std::optional<std::string>(reset);
    return optional_text(body, name, expected);
}

std::optional<UnitKind> kind_parameter(std::string_view text) { return parse_unit_kind(text); }

Parsed<std::optional<std::string>> cursor_parameter(const Request& request, DirectoryCursor kind) {
    const std::string_view cursor = request.query_value("cursor");
    if (cursor.empty()) return std::optional<std::string>{};
    auto after = decode_directory_cursor(kind, cursor);
    if (!after) return foreign_cursor("listing");
    return after;
}

// "all" (or nothing): every level; a whole number from 1 to max_depth: that many levels.
std::optional<std::optional<int>> depth_of(std::string_view text) {
    if (text.empty() || text == "all") return std::optional<int>{};
    const auto number = whole_number(text);
    if (!number || *number < 1 || *number > max_depth) return std::nullopt;
    return std::optional<int>(static_cast<int>(*number));
}

const std::string depth_expected = "\"all\" or a whole number from 1 to " + std::to_string(max_depth);

// The members a unit's patch and a person's share, read last, then the patch checked as creation
// checks an entry's own members.
template <class Patch>
Parsed<Patch> with_shared_members(const boost::json::object& object, Patch patch) {
    auto contact = patched_contact(object);
    if (!contact) return fail(std::move(contact).error());
    patch.contact = std::move(contact).value();
    auto language = patched_text(object, "language", "vi or en", default_language);
    if (!language) return fail(std::move(language).error());
    patch.language = std::move(language).value();
    if (auto problem = patch_problem(patch)) return entry_refusal(*problem);
    return patch;
}

}  // namespace

Parsed<Unit> parse_unit_request(std::string_view body, Time now) {
    auto object = json_object(body, {"ref", "kind", "name", "parent", "contact", "language"});
    if (!object) return fail(std::move(object).error());
    Unit unit;
    auto ref = required_text(*object, "ref");
    if (!ref) return fail(std::move(ref).error());
    unit.ref = std::move(ref).value();
    auto kind = kind_member(*object);
    if (!kind) return fail(std::move(kind).error());
    unit.kind = *kind;
    auto name = required_text(*object, "name");
    if (!name) return fail(std::move(name).error());
    unit.name = std::move(name).value();
    auto parent = optional_ref(*object, "parent");
    if (!parent) return fail(std::move(parent).error());
    unit.parent = std::move(parent).value();
    auto contact = contact_member(*object, true);
    if (!contact) return fail(std::move(contact).error());
    unit.contact = contact->value_or(Contact{});
    auto language = language_member(*object);
    if (!language) return fail(std::move(language).error());
    unit.language = std::move(language).value();
    if (auto problem = unit_problem(unit)) return entry_refusal(*problem);
    unit.created_at = unit.updated_at = now;
    return unit;
}

Parsed<Person> parse_person_request(std::string_view body, Time now) {
    auto object = json_object(body, {"ref", "name", "unit", "title", "contact", "language"});
    if (!object) return fail(std::move(object).error());
    Person person;
    auto ref = required_text(*object, "ref");
    if (!ref) return fail(std::move(ref).error());
    person.ref = std::move(ref).value();
    auto name = required_text(*object, "name");
    if (!name) return fail(std::move(name).error());
    person.name = std::move(name).value();
    auto unit = optional_ref(*object, "unit");
    if (!unit) return fail(std::move(unit).error());
    person.unit = std::move(unit).value();
    auto title = optional_text(*object, "title", "a string of at most 500 bytes");
    if (!title) return fail(std::move(title).error());
    person.title = title->value_or("");
    auto contact = contact_member(*object, true);
    if (!contact) return fail(std::move(contact).error());
    person.contact = contact->value_or(Contact{});
    auto language = language_member(*object);
    if (!language) return fail(std::move(language).error());
    person.language = std::move(language).value();
    if (auto problem = person_problem(person)) return entry_refusal(*problem);
    person.created_at = person.updated_at = now;
    return person;
}

Parsed<UnitPatch> parse_unit_patch(std::string_view body) {
    auto object = json_object(body, {"ref", "kind", "name", "parent", "contact", "language"});
    if (!object) return fail(std::move(object).error());
    if (object->contains("ref")) return ref_kept("unit");
    UnitPatch patch;
    if (object->contains("kind")) {
        if (nulled(*object, "kind")) return not_removable("kind");
        auto kind = kind_member(*object);
        if (!kind) return fail(std::move(kind).error());
        patch.kind = *kind;
    }
    auto name = patched_name(*object);
    if (!name) return fail(std::move(name).error());
    patch.name = std::move(name).value();
    auto parent = patched_ref(*object, "parent");
    if (!parent) return fail(std::move(parent).error());
    patch.parent = std::move(parent).value();
    return with_shared_members(*object, std::move(patch));
}

Parsed<PersonPatch> parse_person_patch(std::string_view body) {
    auto object = json_object(body, {"ref", "name", "unit", "title", "contact", "language"});
    if (!object) return fail(std::move(object).error());
    if (object->contains("ref")) return ref_kept("person");
    PersonPatch patch;
    auto name = patched_name(*object);
    if (!name) return fail(std::move(name).error());
    patch.name = std::move(name).value();
    auto unit = patched_ref(*object, "unit");
    if (!unit) return fail(std::move(unit).error());
    patch.unit = std::move(unit).value();
    auto title = patched_text(*object, "title", "a string of at most 500 bytes", "");
    if (!title) return fail(std::move(title).error());
    patch.title = std::move(title).value();
    return with_shared_members(*object, std::move(patch));
}

Parsed<UnitsQuery> parse_units_query(const Request& request) {
    if (auto refused = check_parameters(request, {"kind", "parent", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    UnitsQuery query;
    query.limit = *limit;
    if (const std::string_view kind = request.query_value("kind"); !kind.empty()) {
        query.filter.kind = kind_parameter(kind);
        if (!query.filter.kind) {
            return bad_parameter("kind", "kind must be one of " + unit_kind_names() + ", not '" + std::string(kind) + "'");
        }
    }
    query.filter.parent = filter_value(request, "parent");
    auto after = cursor_parameter(request, DirectoryCursor::units);
    if (!after) return fail(std::move(after).error());
    query.after = std::move(after).value();
    return query;
}

Parsed<DescendantsQuery> parse_descendants_query(const Request& request) {
    if (auto refused = check_parameters(request, {"kind", "depth", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    DescendantsQuery query;
    query.limit = *limit;
    if (const std::string_view kind = request.query_value("kind"); !kind.empty()) {
        query.query.kind = kind_parameter(kind);
        if (!query.query.kind) {
            return bad_parameter("kind", "kind must be one of " + unit_kind_names() + ", not '" + std::string(kind) + "'");
        }
    }
    const auto depth = depth_of(request.query_value("depth"));
    if (!depth) {
        return bad_parameter("depth", "depth must be " + depth_expected + ", not '" +
                                          std::string(request.query_value("depth")) + "'");
    }
    query.query.depth = *depth;
    auto after = cursor_parameter(request, DirectoryCursor::units);
    if (!after) return fail(std::move(after).error());
    query.after = std::move(after).value();
    return query;
}

Parsed<PeopleQuery> parse_people_query(const Request& request) {
    if (auto refused = check_parameters(request, {"unit", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    PeopleQuery query;
    query.limit = *limit;
    query.filter.unit = filter_value(request, "unit");
    auto after = cursor_parameter(request, DirectoryCursor::people);
    if (!after) return fail(std::move(after).error());
    query.after = std::move(after).value();
    return query;
}

Parsed<InviteRequest> parse_invite_request(std::string_view body) {
    auto object = json_object(body, {"units_under", "kind", "depth", "role"});
    if (!object) return fail(std::move(object).error());
    InviteRequest request;
    auto root = required_text(*object, "units_under");
    if (!root) return fail(std::move(root).error());
    request.units.root = std::move(root).value();
    if (object->contains("kind")) {
        auto kind = kind_member(*object);
        if (!kind) return fail(std::move(kind).error());
        request.units.kind = *kind;
    }
    if (const auto* depth = object->if_contains("depth")) {
        std::optional<std::optional<int>> parsed;
        if (depth->is_string() && depth->get_string() == "all") parsed = std::optional<int>{};
        if (depth->is_int64() && depth->get_int64() >= 1 && depth->get_int64() <= max_depth) {
            parsed = std::optional<int>(static_cast<int>(depth->get_int64()));
        }
        if (!parsed) return invalid_body("depth", "'depth' must be " + depth_expected);
        request.units.depth = *parsed;
    }
    auto role = required_text(*object, "role");
    if (!role) return fail(std::move(role).error());
    if (!is_role_name(*role)) {
        return invalid_body("role", "'role' must be a name such as contributor or guest (a lower-case letter, then "
                                    "lower-case letters, digits or _, at most 64), not '" + role->substr(0, 100) + "'");
    }
    request.role = std::move(role).value();
    return request;
}

}  // namespace seminarflow::http
