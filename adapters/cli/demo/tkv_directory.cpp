#include "adapters/cli/demo/tkv_directory.hpp"

namespace seminarflow::demo {
namespace {

const std::string federation_ref = "tong-ldld-vn";

struct Official {
    std::string ref, name, title, role;
};

// The chair, who gave the opening report, and the head of the contest's jury (article 000).
const std::vector<Official>& officials() {
    static const std::vector<Official> people{
        {"le-thanh-xuan", "Lê Thanh Xuân", "Chủ tịch Công đoàn TKV", "chair"},
        {"pham-hong-hanh", "Phạm Hồng Hạnh", "Trưởng ban Tổ chức Công đoàn TKV", "organiser"},
        {"nguyen-xuan-han", "Nguyễn Xuân Hán", "Phó Chủ tịch Công đoàn TKV, Trưởng ban Giám khảo Hội thi", "guest"},
    };
    return people;
}

Unit unit_of(std::string ref, UnitKind kind, std::string name, std::optional<std::string> parent, Time at) {
    return Unit{.ref = std::move(ref), .kind = kind, .name = std::move(name), .parent = std::move(parent),
                .created_at = at, .updated_at = at};
}

Result<Done, std::string> saved(const Result<DirectorySaved, StoreError>& result, std::string_view what) {
    if (!result) return fail(std::string(what) + ": " + result.error().message);
    if (result->refusal) return fail(std::string(what) + ": " + result->refusal->detail);
    return Done{};
}

Result<Done, std::string> participate(Store& store, const std::string& seminar, ParticipantKind kind,
                                      std::string ref, std::string role, std::string name, Time at) {
    const ParticipantChange change{.instance_id = seminar,
                                   .key = ParticipantKey{kind, std::move(ref), std::move(role)},
                                   .display_name = std::move(name),
                                   .rsvp = Rsvp::accepted,
                                   .at = at};
    auto result = store.save_participant(change, {});
    if (!result) return fail("participant: " + result.error().message);
    if (result->outcome == ParticipantOutcome::no_instance) {
        return fail(std::string("participant: the seminar is gone"));
    }
    return Done{};
}

}  // namespace

const std::vector<DemoUnit>& coal_unions() {
    static const std::vector<DemoUnit> units{
        {"cd-than-mao-khe", "Công đoàn Công ty Than Mạo Khê"},
        {"cd-than-ha-lam", "Công đoàn Công ty Than Hà Lầm"},
        {"cd-than-vang-danh", "Công đoàn Công ty Than Vàng Danh"},
        {"cd-than-nui-beo", "Công đoàn Công ty Than Núi Béo"},
        {"cd-than-hon-gai", "Công đoàn Công ty Than Hòn Gai"},
        {"cd-than-quang-hanh", "Công đoàn Công ty Than Quang Hanh"},
        {"cd-than-duong-huy", "Công đoàn Công ty Than Dương Huy"},
        {"cd-than-khe-cham", "Công đoàn Công ty Than Khe Chàm"},
        {"cd-than-coc-sau", "Công đoàn Công ty Than Cọc Sáu"},
        {"cd-than-cao-son", "Công đoàn Công ty Than Cao Sơn"},
        {"cd-than-ha-tu", "Công đoàn Công ty Than Hà Tu"},
    };
    return units;
}

Result<Done, std::string> save_directory(Store& store, Time at) {
    std::vector<Unit> units{
        unit_of(federation_ref, UnitKind::federation, "Tổng Liên đoàn Lao động Việt Nam", std::nullopt, at),
        unit_of(std::string(tkv_ref), UnitKind::sector, "Công đoàn Than - Khoáng sản Việt Nam", federation_ref, at)};
    for (const DemoUnit& unit : coal_unions()) {
        units.push_back(unit_of(unit.ref, UnitKind::grassroots, unit.name, std::string(tkv_ref), at));
    }
    if (auto done = saved(store.save_units(units), "directory units"); !done) return done;
    std::vector<Person> people;
    for (const Official& official : officials()) {
        people.push_back(Person{.ref = official.ref, .name = official.name, .unit = std::string(tkv_ref),
                                .title = official.title, .created_at = at, .updated_at = at});
    }
    return saved(store.save_people(people), "directory people");
}

Result<std::size_t, std::string> add_participants(Store& store, const std::string& seminar, Time at) {
    std::size_t added = 0;
    for (const Official& official : officials()) {
        auto done = participate(store, seminar, ParticipantKind::person, official.ref, official.role,
                                official.name + " - " + official.title, at);
        if (!done) return fail(std::move(done).error());
        ++added;
    }
    const UnitInvitation invitation{
        .instance_id = seminar,
        .units = DescendantQuery{.root = std::string(tkv_ref), .kind = UnitKind::grassroots},
        .role = "delegate",
        .at = at};
    auto invited = store.invite_units(invitation, {});
    if (!invited) return fail("invitation: " + invited.error().message);
    if (invited->outcome != InviteOutcome::done) {
        return fail(std::string("invitation: the seminar or TKV's unit is gone"));
    }
    added += invited->added;
    for (std::size_t i = 0; i < 6; ++i) {
        const DemoUnit& unit = coal_unions()[i];
        auto done = participate(store, seminar, ParticipantKind::unit, unit.ref, "contributor", unit.name, at);
        if (!done) return fail(std::move(done).error());
        ++added;
    }
    return added;
}

}  // namespace seminarflow::demo
