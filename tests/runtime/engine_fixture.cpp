#include "tests/runtime/engine_fixture.hpp"

#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"

namespace seminarflow::test {

const Catalogue& shipped_workflows() {
    static const Catalogue catalogue = [] {
        const std::filesystem::path source = SEMINARFLOW_SOURCE_DIR;
        auto loaded = load_definition_set(source / "config" / "templates", source / "workflows", standard_named_code());
        if (!loaded) throw std::runtime_error("the shipped templates or workflows do not load");
        return std::move(loaded->catalogue);
    }();
    return catalogue;
}

boost::json::object plan_payload() {
    return boost::json::object{
        {"kind", "toa_dam"},
        {"starts_at", "2026-08-25T07:00:00Z"},
        {"ends_at", "2026-08-25T10:00:00Z"},
        {"venue", "Hội trường Liên đoàn Lao động tỉnh"},
        {"chair", "Đồng chí Nguyễn Văn Kiên"},
        {"organiser_unit", "Ban Thường vụ Công đoàn Viên chức tỉnh"},
        {"min_contributions", 2},
        {"budget_vnd", 55000000},
    };
}

Event organiser_event(std::string type, boost::json::object payload) {
    return Event{std::move(type), std::move(payload), Actor{"ban-to-chuc", Role::organiser}};
}

}  // namespace seminarflow::test
