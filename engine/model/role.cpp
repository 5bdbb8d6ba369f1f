#include "engine/model/role.hpp"

#include <array>

namespace seminarflow {
namespace {
constexpr std::array<std::string_view, 6> names{"admin", "organiser", "member", "reviewer", "viewer", "system"};
}

std::string_view role_name(Role role) { return names[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_api_role(std::string_view name) {
    for (std::size_t i = 0; i + 1 < names.size(); ++i) {
        if (names[i] == name) return static_cast<Role>(i);
    }
    return std::nullopt;
}

}  // namespace seminarflow
