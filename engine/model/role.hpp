#pragma once
// Who may send an event. API callers carry one of the first five roles (their token's);
// the engine itself (timers firing, a child signalling its parent) acts as `system`.
#include <cstdint>
#include <optional>
#include <string_view>

namespace seminarflow {

enum class Role : std::uint8_t { admin, organiser, member, reviewer, viewer, system };

std::string_view role_name(Role role);
// Only the API roles: `system` cannot be named in a definition or a token.
std::optional<Role> parse_api_role(std::string_view name);

class RoleSet {
public:
    constexpr RoleSet() = default;
    constexpr void add(Role role) { bits_ |= bit(role); }
    constexpr bool contains(Role role) const { return (bits_ & bit(role)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }

private:
    static constexpr std::uint8_t bit(Role role) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(role)); }
    std::uint8_t bits_ = 0;
};

}  // namespace seminarflow
