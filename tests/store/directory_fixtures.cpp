#include "tests/store/directory_fixtures.hpp"

namespace seminarflow::test {

Unit unit_of(std::string ref, UnitKind kind, std::string name, std::optional<std::string> parent, Time at) {
    Unit unit{.ref = std::move(ref), .kind = kind, .name = std::move(name), .parent = std::move(parent)};
    unit.created_at = unit.updated_at = at;
    return unit;
}

std::vector<Unit> seeded_units(Time at) {
    std::vector<Unit> units{
        unit_of("to-cd-1", UnitKind::group, "Tổ công đoàn số 1", "cdcs-thpt-ha-long", at),
        unit_of("cdcs-so-tu-phap", UnitKind::grassroots, "Công đoàn Sở Tư pháp", "cdvc-tinh", at),
        unit_of("cdcs-cuc-thue", UnitKind::grassroots, "Công đoàn Cục Thuế tỉnh", "cdvc-tinh", at),
        unit_of("cdcs-thpt-ha-long", UnitKind::grassroots, "Công đoàn Trường THPT Hạ Long", "ldld-ha-long", at),
        unit_of("cdvc-tinh", UnitKind::sector, "Công đoàn Viên chức tỉnh", "ldld-tinh", at),
        unit_of("ldld-ha-long", UnitKind::district, "Liên đoàn Lao động thành phố Hạ Long", "ldld-tinh", at),
        unit_of("ldld-tinh", UnitKind::federation, "Liên đoàn Lao động tỉnh Quảng Ninh", std::nullopt, at),
    };
    units[1].contact = Contact{{"email", "congdoan@stp.example.vn"}, {"telegram", "@cđ_tư_pháp"}};
    units[2].language = "en";
    return units;
}

}  // namespace seminarflow::test
