#pragma once
// The organisation's directory: the units of a trade union (or an association, a university) in
// their hierarchy, and the people who belong to them. A participant's `ref` (participant.hpp)
// names one of these; inviting "every grassroots union of this district" reads them.
//
// Units nest: a federation (Liên đoàn Lao động tỉnh, Công đoàn TKV) holds district and sector
// unions (LĐLĐ huyện, Công đoàn ngành), which hold grassroots unions (công đoàn cơ sở), which hold
// union groups (tổ công đoàn). A grassroots union may also sit right under a federation.
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/contact.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

enum class UnitKind { federation, district, sector, grassroots, group };

std::string_view unit_kind_name(UnitKind kind);
std::optional<UnitKind> parse_unit_kind(std::string_view name);
// "federation, district, sector, grassroots, group": for refusals.
std::string unit_kind_names();
// How deep in the hierarchy a kind sits: federation 0, district and sector 1, grassroots 2,
// group 3. A unit never sits above its parent (a federation under a grassroots union is a typo).
int unit_kind_level(UnitKind kind);

struct Unit {
    std::string ref;  // stable: what callers, participants and CSV files name it by
    UnitKind kind = UnitKind::grassroots;
    std::string name;                   // Vietnamese, as written: "Công đoàn Sở Tư pháp"
    std::optional<std::string> parent;  // its parent's ref; nothing for the top
    Contact contact = {};
    std::string language = "vi";
    Time created_at{};
    Time updated_at{};
};

struct Person {
    std::string ref;
    std::string name;                 // "Nguyễn Văn Kiên"
    std::optional<std::string> unit;  // the unit's ref; nothing for a guest from outside
    std::string title = {};           // position: "Chủ tịch", "Phó Chủ tịch Thường trực"
    Contact contact = {};
    std::string language = "vi";
    Time created_at{};
    Time updated_at{};
};

// The directory's content of a unit or person, times aside: what tells a repeated POST (or
// import) of the same entry from a different one under the same ref.
bool same_content(const Unit& a, const Unit& b);
bool same_content(const Person& a, const Person& b);

// What is wrong with an entry, and in which member (`field`: "kind", "contact.email" ...).
struct EntryProblem {
    std::string field;
    std::string message;
};

// A ref: 1 to 200 bytes of UTF-8 with no control characters, no '/' and no leading or trailing
// space.
std::optional<EntryProblem> ref_problem(std::string_view field, std::string_view ref);
// The checks an entry passes on its own, before the directory is asked about its parent or unit.
std::optional<EntryProblem> unit_problem(const Unit& unit);
std::optional<EntryProblem> person_problem(const Person& person);

}  // namespace seminarflow
