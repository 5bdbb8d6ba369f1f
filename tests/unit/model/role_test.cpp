// Roles: the API's five can be named in definitions and tokens; `system` (the engine itself)
// cannot, so that no token can pretend to be a timer.
#include <catch2/catch.hpp>

#include "engine/model/role.hpp"

using namespace seminarflow;

TEST_CASE("API roles parse by name, but system does not", "[role]") {
    for (const auto role : {Role::admin, Role::organiser, Role::member, Role::reviewer, Role::viewer}) {
        CHECK(parse_api_role(role_name(role)) == role);
    }
    CHECK(role_name(Role::system) == "system");
    CHECK_FALSE(parse_api_role("system"));
    CHECK_FALSE(parse_api_role("organizer"));  // the American spelling is a different word here
    CHECK_FALSE(parse_api_role(""));
}

TEST_CASE("a RoleSet holds exactly the roles added", "[role]") {
    RoleSet roles;
    CHECK(roles.empty());
    roles.add(Role::organiser);
    roles.add(Role::member);
    CHECK_FALSE(roles.empty());
    CHECK(roles.contains(Role::organiser));
    CHECK(roles.contains(Role::member));
    CHECK_FALSE(roles.contains(Role::admin));
    CHECK_FALSE(roles.contains(Role::viewer));
    CHECK_FALSE(roles.contains(Role::system));
}
