#include "engine/exports/export_source.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <boost/json/value.hpp>
#include <cstdio>
#include <utility>

#include "engine/messages/readable_value.hpp"
#include "engine/messages/wall_clock.hpp"

namespace seminarflow {

std::string export_zone(const boost::json::object& data) {
    const std::string zone = text_field(data, "timezone");
    return !zone.empty() && known_time_zone(zone) ? zone : std::string(default_export_zone);
}

std::vector<const Instance*> children_of(const ExportSource& source, std::string_view workflow,
                                         std::initializer_list<std::string_view> states) {
    std::vector<const Instance*> found;
    for (const Instance& child : source.children) {
        if (child.workflow != workflow) continue;
        if (states.size() > 0 && std::find(states.begin(), states.end(), child.state) == states.end()) continue;
        found.push_back(&child);
    }
    return found;
}

std::string vietnamese_time(Time time, std::string_view zone) {
    const auto clock = wall_clock(time, zone);
    if (!clock) return format_rfc3339(time);
    std::array<char, 96> text{};
    std::snprintf(text.data(), text.size(), "%02d giờ %02d, ngày %d tháng %d năm %d", clock->hour, clock->minute,
                  clock->day, clock->month, clock->year);
    return text.data();
}

std::string vietnamese_vnd(std::int64_t amount) {
    return readable_value(boost::json::value(amount), ValueType::vnd, ReadingContext{"vi", default_export_zone});
}

namespace {

std::string name_of(std::string_view code, std::initializer_list<std::pair<std::string_view, std::string_view>> names) {
    for (const auto& [key, name] : names) {
        if (key == code) return std::string(name);
    }
    return std::string(code);  // a code the workflow adds later reads as itself
}

}  // namespace

std::string seminar_kind_name(std::string_view kind) {
    return name_of(kind, {{"hoi_thao", "Hội thảo"}, {"toa_dam", "Tọa đàm"}, {"hoi_nghi", "Hội nghị"},
                          {"tap_huan", "Lớp tập huấn"}});
}

std::string certificate_kind_name(std::string_view kind) {
    return name_of(kind, {{"bang_khen", "Bằng khen"}, {"giay_khen", "Giấy khen"}, {"giay_chung_nhan", "Giấy chứng nhận"}});
}

std::int64_t add_vnd(std::int64_t total, std::int64_t amount) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(total, amount, &sum)) return amount < 0 ? INT64_MIN : INT64_MAX;
    return sum;
}

}  // namespace seminarflow
