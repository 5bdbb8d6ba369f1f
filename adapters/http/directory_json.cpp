#include "adapters/http/directory_json.hpp"

namespace seminarflow::http {
namespace {

boost::json::value optional_ref(const std::optional<std::string>& ref) {
    return ref ? boost::json::value(*ref) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object unit_json(const Unit& unit) {
    return {{"ref", unit.ref},
            {"kind", unit_kind_name(unit.kind)},
            {"name", unit.name},
            {"parent", optional_ref(unit.parent)},
            {"contact", unit.contact},
            {"language", unit.language},
            {"created_at", format_rfc3339(unit.created_at)},
            {"updated_at", format_rfc3339(unit.updated_at)}};
}

boost::json::object person_json(const Person& person) {
    return {{"ref", person.ref},
            {"name", person.name},
            {"unit", optional_ref(person.unit)},
            {"title", person.title},
            {"contact", person.contact},
            {"language", person.language},
            {"created_at", format_rfc3339(person.created_at)},
            {"updated_at", format_rfc3339(person.updated_at)}};
}

std::string path_segment(std::string_view ref) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string segment;
    for (const char c : ref) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                                (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            segment += c;
        } else {
            segment += '%';
            segment += hex[byte >> 4];
            segment += hex[byte & 0xf];
        }
    }
    return segment;
}

}  // namespace seminarflow::http
