#pragma once
// The address policy the channel tests deliver with: their receivers are on loopback, which
// seminarflow refuses unless allowed, so every test that expects a delivery allows it as an
// operator would (channels.allow_cidrs); the tests of the refusal itself use the default.
#include "adapters/channels/http/address_policy.hpp"

namespace seminarflow::test {

inline channels::AddressPolicy loopback_allowed() {
    return channels::AddressPolicy::allowing({"127.0.0.0/8", "::1/128"}).value();
}

}  // namespace seminarflow::test
