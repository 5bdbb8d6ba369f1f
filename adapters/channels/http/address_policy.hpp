#pragma once
// Where seminarflow may connect to deliver a notification, against server-side request forgery:
// an endpoint's URL is chosen by whoever may add endpoints, and must not turn the server into a
// way into its own network (the database, the cloud's metadata service, an admin page on
// loopback). Loopback, private, link-local, carrier-grade NAT, multicast, broadcast, reserved and
// unspecified addresses, and the cloud metadata addresses, are refused unless the operator
// allow-lists a CIDR that holds them (`channels.allow_cidrs`). IPv6 forms that carry an IPv4
// address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
//
// Pure: the HTTP client asks it about every address a name resolves to, the email channel about
// the relay's, and endpoint_admin about a URL whose host is an address, so one set of rules holds.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/result.hpp"

namespace seminarflow::channels {

// An address as 16 bytes: an IPv4 one in its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so that one
// comparison covers both families; `v4` says it is written as IPv4.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;

    static IpAddress from_v4(std::array<std::uint8_t, 4> octets);
    static IpAddress from_v6(std::array<std::uint8_t, 16> octets);
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// Strict: a dotted quad (1.2.3.4) or an IPv6 address (no brackets, no zone).
std::optional<IpAddress> parse_ip(std::string_view text);

// A URL's host as the resolver reads it: an address in any form it takes, including IPv4's short
// and numeric ones (127.1, 2130706433, 0x7f.0.0.1), which a name check would let through.
// nullopt: a name, to be resolved.
std::optional<IpAddress> host_as_ip(std::string_view host);

// 127.0.0.1, ::1, ::ffff:127.0.0.1 (a mapped address written as IPv6 stays IPv6).
std::string to_string(const IpAddress& address);

struct Cidr {
    IpAddress base;
    int prefix = 0;  // over the 128 bits (an IPv4 /8 is 104)
    std::string text;

    bool contains(const IpAddress& address) const;
};

// "10.0.0.0/8", "fd00::/8", or a lone address (a /32 or /128). Refuses bits set beyond the
// prefix (10.0.0.1/8: which was meant?), prefixes out of range and anything else, saying why.
Result<Cidr, std::string> parse_cidr(std::string_view text);

// What kind of special address this is ("a loopback address"), nullopt for a public one.
std::optional<std::string> special_range(const IpAddress& address);

class AddressPolicy {
public:
    AddressPolicy() = default;  // every special address refused
    explicit AddressPolicy(std::vector<Cidr> allowed) : allowed_(std::move(allowed)) {}
    // Each entry as parse_cidr reads it; the error names the entry at fault.
    static Result<AddressPolicy, std::string> allowing(const std::vector<std::string>& cidrs);

    // nullopt: seminarflow may connect there. Otherwise why not, as a phrase that names the
    // address: "127.0.0.1 is a loopback address". A metadata address is allowed only by an entry
    // that names it alone: allowing a whole range (169.254.0.0/16, 0.0.0.0/0) still keeps the
    // instance's credentials out of reach.
    std::optional<std::string> refusal(const IpAddress& address) const;

    const std::vector<Cidr>& allowed() const { return allowed_; }

private:
    std::vector<Cidr> allowed_;
};

// A refusal as an operator reads it: why, and how to lift it.
std::string with_remedy(std::string_view why);

// The reasons a host's addresses were refused, each once, in the order met: a name resolving to
// 127.0.0.1 twice (once per socket type) reads as one reason.
class RefusalReasons {
public:
    void add(std::string why);
    bool empty() const { return reasons_.empty(); }
    // "127.0.0.1 is a loopback address; ::1 is a loopback address (an operator may ...)"
    std::string with_remedy() const;

private:
    std::vector<std::string> reasons_;
};

}  // namespace seminarflow::channels
