#pragma once
// What an export is made from: an instance as the store has it, its children (submissions,
// proposals, directives, rewards) and its participants, read by the caller; and how the
// renderers read instance data written by the workflows (every field optional, as there).
// The renderers are plain functions of this: no store, no clock, no HTTP.
#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/data_fields.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/participant.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

struct ExportSource {
    Instance instance;
    std::vector<Instance> children;  // every child, in creation order
    std::vector<Participant> participants;
};

// Why an export does not apply to an instance (a calendar of a contest, of a seminar with no
// date): `rule` names what is missing, `detail` says it to people.
struct ExportRefusal {
    std::string rule;
    std::string detail;
};

// The shown time zone of an event: its data's `timezone` when the database knows it, else the
// committee's usual one.
inline constexpr std::string_view default_export_zone = "Asia/Ho_Chi_Minh";
std::string export_zone(const boost::json::object& data);

// The children of one workflow, in the given states (any state when none is given).
std::vector<const Instance*> children_of(const ExportSource& source, std::string_view workflow,
                                         std::initializer_list<std::string_view> states = {});

// "08 giờ 00, ngày 20 tháng 3 năm 2027", on the clock of `zone` (a zone the database knows).
std::string vietnamese_time(Time time, std::string_view zone);
// "55.000.000 ₫", as messages write amounts.
std::string vietnamese_vnd(std::int64_t amount);
// total + amount, held at the largest amount rather than overflowing: nominated amounts are not
// bounded by a budget until they are approved.
std::int64_t add_vnd(std::int64_t total, std::int64_t amount);

// Names the workflows' codes stand for: hoi_thao -> "Hội thảo", bang_khen -> "Bằng khen".
std::string seminar_kind_name(std::string_view kind);
std::string certificate_kind_name(std::string_view kind);

}  // namespace seminarflow
