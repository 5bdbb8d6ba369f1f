#include "bench/planned_seminars.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"

namespace seminarflow::bench {

const Actor organiser{"bench", Role::organiser};

namespace {

boost::json::object plan_payload(Time now) {
    const auto starts_at = now + std::chrono::days(30);
    return boost::json::object{
        {"kind", "toa_dam"},
        {"starts_at", format_rfc3339(starts_at)},
        {"ends_at", format_rfc3339(starts_at + std::chrono::hours(3))},
        {"venue", "Hội trường Liên đoàn Lao động tỉnh"},
        {"chair", "Đồng chí Nguyễn Văn Kiên"},
        {"organiser_unit", "Ban Thường vụ Công đoàn Viên chức tỉnh"},
        {"min_contributions", 2},
        {"budget_vnd", 55000000},
    };
}

}  // namespace

Result<Catalogue, std::string> load_catalogue(const char* workflows_dir, const char* templates_dir) {
    auto loaded = load_definition_set(templates_dir, workflows_dir, standard_named_code());
    if (!loaded) {
        std::string message;
        for (const auto& diagnostic : loaded.error()) message += format_diagnostic(diagnostic) + '\n';
        return fail(message);
    }
    return std::move(loaded->catalogue);
}

Result<std::vector<std::string>, std::string> plan_seminars(Runtime& runtime, const Clock& clock, std::size_t count) {
    std::vector<std::string> instances;
    instances.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        auto created = runtime.create("seminar", boost::json::object{{"title", "Tọa đàm " + std::to_string(i + 1)}},
                                      std::nullopt, organiser);
        if (!created) return fail("create: " + created.error().message);
        auto planned = runtime.apply(created->instance.id, Event{"plan", plan_payload(clock.now()), organiser});
        if (!planned) return fail("plan: " + planned.error().message);
        instances.push_back(created->instance.id);
    }
    return instances;
}

Event amend_event(std::uint64_t n) {
    return Event{"amend", boost::json::object{{"venue", n % 2 == 0 ? "Hội trường A" : "Hội trường B"}}, organiser};
}

}  // namespace seminarflow::bench
