#pragma once
// What the directory routes read from a request (GET|POST|PATCH /v1/units, /v1/people, and the
// invitation of units): checked before anything runs, refused as the other parsers refuse
// (parsing_parts.hpp). Pure.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"
#include "adapters/http/parsing_parts.hpp"
#include "engine/ports/directory.hpp"

namespace seminarflow::http {

// POST /v1/units: {"ref", "kind", "name", "parent"?: REF | null, "contact"?, "language"?}, the
// unit made at `now`. Every check a unit passes on its own (engine/model/directory.hpp): 422
// invalid-body naming the member (an unknown kind, a language but vi or en, an email that is
// not an address: "contact.email").
Parsed<Unit> parse_unit_request(std::string_view body, Time now);
// POST /v1/people: {"ref", "name", "unit"?: REF | null, "title"?, "contact"?, "language"?}.
Parsed<Person> parse_person_request(std::string_view body, Time now);

// PATCH /v1/units/{ref}: a JSON merge patch (RFC 7396) of the members POST takes, but "ref": a
// ref names its unit for good (422 naming "ref"). A member set replaces the stored one, down into
// the contact ({"contact": {"phone": null}} removes the phone alone); null takes back what may be
// absent (parent: to the top; contact: none; language: vi, as on creation) and is refused for
// kind and name. What the patch sets is checked as POST checks it (patch_problem).
Parsed<UnitPatch> parse_unit_patch(std::string_view body);
// PATCH /v1/people/{ref}: the same over {"name", "unit"?: REF | null, "title"?, "contact"?,
// "language"?}; a null title clears it.
Parsed<PersonPatch> parse_person_patch(std::string_view body);

// GET /v1/units?kind=&parent=&cursor=&limit=
struct UnitsQuery {
    UnitFilter filter;
    std::optional<std::string> after;
    std::size_t limit = default_page_limit;
};
Parsed<UnitsQuery> parse_units_query(const Request& request);

// GET /v1/units/{ref}/units?kind=&depth=all|N&cursor=&limit= (depth: all without it); the
// query's root is left for the caller.
struct DescendantsQuery {
    DescendantQuery query;
    std::optional<std::string> after;
    std::size_t limit = default_page_limit;
};
Parsed<DescendantsQuery> parse_descendants_query(const Request& request);

// GET /v1/people?unit=&cursor=&limit=
struct PeopleQuery {
    PersonFilter filter;
    std::optional<std::string> after;
    std::size_t limit = default_page_limit;
};
Parsed<PeopleQuery> parse_people_query(const Request& request);

// POST /v1/instances/{id}/participants/invite: {"units_under": REF, "kind"?: KIND,
// "depth"?: "all" | N, "role": ROLE}: the units under REF (all levels unless depth says), of
// KIND if given, each a participant in ROLE.
struct InviteRequest {
    DescendantQuery units;
    std::string role;
};
Parsed<InviteRequest> parse_invite_request(std::string_view body);

}  // namespace seminarflow::http
