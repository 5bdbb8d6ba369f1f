#include "adapters/channels/http/address_policy.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

namespace seminarflow::channels {
namespace {

struct Special {
    std::string what;
    bool metadata = false;
    std::optional<IpAddress> inner;  // the IPv4 address an IPv6 form carries
};

struct Range {
    Cidr cidr;
    std::string what;
    bool metadata = false;
};

// The special ranges, most specific first (a metadata address before the range it sits in).
const std::vector<Range>& special_ranges() {
    static const std::vector<Range> ranges = [] {
        const std::pair<std::string_view, std::string_view> table[] = {
            {"169.254.169.254/32", "a cloud metadata address"},
            {"fd00:ec2::254/128", "a cloud metadata address"},
            {"0.0.0.0/8", "an unspecified ('this network') address"},
            {"10.0.0.0/8", "a private address (RFC 1918)"},
            {"100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"},
            {"127.0.0.0/8", "a loopback address"},
            {"169.254.0.0/16", "a link-local address"},
            {"172.16.0.0/12", "a private address (RFC 1918)"},
            {"192.0.0.0/24", "an IETF protocol assignment address (RFC 6890)"},
            {"192.168.0.0/16", "a private address (RFC 1918)"},
            {"198.18.0.0/15", "a benchmarking address (RFC 2544)"},
            {"224.0.0.0/4", "a multicast address"},
            {"255.255.255.255/32", "the broadcast address"},
            {"240.0.0.0/4", "a reserved address (240.0.0.0/4)"},
            {"::/128", "the unspecified address"},
            {"::1/128", "a loopback address"},
            {"100::/64", "a discard-only address (RFC 6666)"},
            {"fc00::/7", "a unique local (private) address"},
            {"fe80::/10", "a link-local address"},
            {"fec0::/10", "a site-local (private) address"},
            {"ff00::/8", "a multicast address"},
        };
        std::vector<Range> parsed;
        for (const auto& [cidr, what] : table) {
            parsed.push_back({parse_cidr(cidr).value(), std::string(what), what == "a cloud metadata address"});
        }
        return parsed;
    }();
    return ranges;
}

bool zeros(const IpAddress& address, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        if (address.bytes[i] != 0) return false;
    }
    return true;
}

bool is_mapped(const IpAddress& address) {
    return zeros(address, 0, 10) && address.bytes[10] == 0xff && address.bytes[11] == 0xff;
}

IpAddress v4_at(const IpAddress& address, std::size_t at) {
    const auto& b = address.bytes;
    return IpAddress::from_v4({b[at], b[at + 1], b[at + 2], b[at + 3]});
}

// The IPv4 address an IPv6 address carries, where the network would deliver to it: mapped
// (::ffff:a.b.c.d) written as IPv6, compatible (::a.b.c.d, but :: and ::1 are IPv6's own),
// NAT64's well-known prefix (64:ff9b::/96) and 6to4 (2002:aabb:ccdd::/48).
std::optional<IpAddress> carried_v4(const IpAddress& address) {
    if (address.v4) return std::nullopt;
    const auto& b = address.bytes;
    if (is_mapped(address)) return v4_at(address, 12);
    if (zeros(address, 0, 12) && !(zeros(address, 12, 15) && b[15] <= 1)) return v4_at(address, 12);
    if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zeros(address, 4, 12)) return v4_at(address, 12);
    if (b[0] == 0x20 && b[1] == 0x02) return v4_at(address, 2);
    return std::nullopt;
}

std::optional<Special> classify(const IpAddress& address) {
    if (auto inner = carried_v4(address)) {
        auto special = classify(*inner);
        if (!special) return std::nullopt;
        const char* form = is_mapped(address) ? "the IPv4-mapped form of " : "an IPv6 form of ";
        return Special{form + to_string(*inner) + ", " + special->what, special->metadata, inner};
    }
    for (const Range& range : special_ranges()) {
        if (range.cidr.contains(address)) return Special{range.what, range.metadata, std::nullopt};
    }
    return std::nullopt;
}

}  // namespace

IpAddress IpAddress::from_v4(std::array<std::uint8_t, 4> octets) {
    IpAddress address;
    address.bytes[10] = address.bytes[11] = 0xff;
    std::memcpy(address.bytes.data() + 12, octets.data(), 4);
    address.v4 = true;
    return address;
}

IpAddress IpAddress::from_v6(std::array<std::uint8_t, 16> octets) {
    IpAddress address;
    address.bytes = octets;
    return address;
}

std::optional<IpAddress> parse_ip(std::string_view text) {
    const std::string copy(text);
    if (text.find(':') != std::string_view::npos) {
        std::array<std::uint8_t, 16> octets{};
        if (::inet_pton(AF_INET6, copy.c_str(), octets.data()) != 1) return std::nullopt;
        return IpAddress::from_v6(octets);
    }
    std::array<std::uint8_t, 4> octets{};
    if (::inet_pton(AF_INET, copy.c_str(), octets.data()) != 1) return std::nullopt;
    return IpAddress::from_v4(octets);
}

std::optional<IpAddress> host_as_ip(std::string_view host) {
    if (host.find(':') != std::string_view::npos) return parse_ip(host);
    const std::string copy(host);
    in_addr parsed{};
    // inet_aton reads what getaddrinfo reads before it asks DNS: every numeric IPv4 form.
    if (::inet_aton(copy.c_str(), &parsed) == 0) return std::nullopt;
    std::array<std::uint8_t, 4> octets{};
    std::memcpy(octets.data(), &parsed.s_addr, 4);
    return IpAddress::from_v4(octets);
}

std::string to_string(const IpAddress& address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.v4) {
        ::inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
    } else {
        ::inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
    }
    return text;
}

bool Cidr::contains(const IpAddress& address) const {
    const int whole = prefix / 8;
    if (std::memcmp(base.bytes.data(), address.bytes.data(), static_cast<std::size_t>(whole)) != 0) return false;
    const int rest = prefix % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
    return (base.bytes[static_cast<std::size_t>(whole)] & mask) == (address.bytes[static_cast<std::size_t>(whole)] & mask);
}

Result<Cidr, std::string> parse_cidr(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    const std::size_t slash = text.find('/');
    const auto address = parse_ip(text.substr(0, slash));
    if (!address) return fail(quoted + " is not an address or a CIDR such as 10.0.0.0/8 or fd00::/8");
    const int longest = address->v4 ? 32 : 128;
    int prefix = longest;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || prefix < 0 ||
            prefix > longest) {
            return fail(quoted + ": the prefix length must be a number from 0 to " + std::to_string(longest));
        }
    }
    Cidr cidr{*address, prefix + (address->v4 ? 96 : 0), std::string(text)};
    // The network itself must be written: bits past the prefix mean the operator meant another range.
    IpAddress network = cidr.base;
    for (int bit = cidr.prefix; bit < 128; ++bit) {
        network.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
    }
    if (network != cidr.base) {
        return fail(quoted + " has bits set past its /" + std::to_string(prefix) + " prefix: did you mean " +
                    to_string(network) + "/" + std::to_string(prefix) + "?");
    }
    return cidr;
}

std::optional<std::string> special_range(const IpAddress& address) {
    auto special = classify(address);
    if (!special) return std::nullopt;
    return std::move(special->what);
}

Result<AddressPolicy, std::string> AddressPolicy::allowing(const std::vector<std::string>& cidrs) {
    std::vector<Cidr> allowed;
    for (const std::string& text : cidrs) {
        auto cidr = parse_cidr(text);
        if (!cidr) return fail(std::move(cidr).error());
        allowed.push_back(std::move(cidr).value());
    }
    return AddressPolicy(std::move(allowed));
}

std::optional<std::string> AddressPolicy::refusal(const IpAddress& address) const {
    const auto special = classify(address);
    if (!special) return std::nullopt;
    for (const Cidr& cidr : allowed_) {
        const bool covers = cidr.contains(address) || (special->inner && cidr.contains(*special->inner));
        if (covers && (!special->metadata || cidr.prefix == 128)) return std::nullopt;
    }
    return to_string(address) + " is " + special->what;
}

std::string with_remedy(std::string_view why) {
    return std::string(why) + " (an operator may allow it in channels.allow_cidrs)";
}

void RefusalReasons::add(std::string why) {
    if (std::find(reasons_.begin(), reasons_.end(), why) == reasons_.end()) reasons_.push_back(std::move(why));
}

std::string RefusalReasons::with_remedy() const {
    std::string joined;
    for (const std::string& why : reasons_) joined += (joined.empty() ? "" : "; ") + why;
    return channels::with_remedy(joined);
}

}  // namespace seminarflow::channels
