// The addresses seminarflow refuses to deliver to (SSRF), the operator's allow-list, and how
// addresses and CIDRs are read: pure, every range and every form an address can hide in.
#include <catch2/catch.hpp>

#include "adapters/channels/http/address_policy.hpp"

using namespace seminarflow;
using namespace seminarflow::channels;
using Catch::Matchers::Contains;

namespace {

IpAddress ip(std::string_view text) {
    auto address = parse_ip(text);
    REQUIRE(address);
    return *address;
}

AddressPolicy allowing(std::vector<std::string> cidrs) {
    auto policy = AddressPolicy::allowing(cidrs);
    REQUIRE(policy.ok());
    return std::move(policy).value();
}

std::string cidr_error(std::string_view text) {
    auto cidr = parse_cidr(text);
    REQUIRE_FALSE(cidr.ok());
    return cidr.error();
}

}  // namespace

TEST_CASE("addresses are read strictly and written back as they were given", "[address_policy]") {
    CHECK(to_string(ip("192.0.2.10")) == "192.0.2.10");
    CHECK(to_string(ip("2001:db8::1")) == "2001:db8::1");
    CHECK(to_string(ip("::ffff:127.0.0.1")) == "::ffff:127.0.0.1");
    CHECK(ip("::ffff:127.0.0.1").bytes == ip("127.0.0.1").bytes);  // one form to compare
    CHECK_FALSE(parse_ip("127.1"));
    CHECK_FALSE(parse_ip("localhost"));
    CHECK_FALSE(parse_ip("010.0.0.1"));
    CHECK_FALSE(parse_ip("[::1]"));
    CHECK_FALSE(parse_ip(""));
}

TEST_CASE("a URL's host is read as the resolver reads it, short IPv4 forms included", "[address_policy]") {
    CHECK(to_string(*host_as_ip("127.1")) == "127.0.0.1");
    CHECK(to_string(*host_as_ip("2130706433")) == "127.0.0.1");
    CHECK(to_string(*host_as_ip("0x7f.0.0.1")) == "127.0.0.1");
    CHECK(to_string(*host_as_ip("0177.0.0.1")) == "127.0.0.1");
    CHECK(to_string(*host_as_ip("::1")) == "::1");
    CHECK_FALSE(host_as_ip("localhost"));
    CHECK_FALSE(host_as_ip("hooks.example.org"));
}

TEST_CASE("every special IPv4 range is named", "[address_policy]") {
    CHECK(special_range(ip("127.0.0.1")) == "a loopback address");
    CHECK(special_range(ip("127.255.0.9")) == "a loopback address");
    CHECK(special_range(ip("10.1.2.3")) == "a private address (RFC 1918)");
    CHECK(special_range(ip("172.16.0.1")) == "a private address (RFC 1918)");
    CHECK(special_range(ip("172.31.255.255")) == "a private address (RFC 1918)");
    CHECK(special_range(ip("192.168.1.1")) == "a private address (RFC 1918)");
    CHECK(special_range(ip("169.254.1.1")) == "a link-local address");
    CHECK(special_range(ip("169.254.169.254")) == "a cloud metadata address");
    CHECK(special_range(ip("100.64.0.1")) == "a carrier-grade NAT address (RFC 6598)");
    CHECK(special_range(ip("100.127.255.254")) == "a carrier-grade NAT address (RFC 6598)");
    CHECK(special_range(ip("224.0.0.251")) == "a multicast address");
    CHECK(special_range(ip("0.0.0.0")) == "an unspecified ('this network') address");
    CHECK(special_range(ip("255.255.255.255")) == "the broadcast address");
    CHECK(special_range(ip("240.0.0.1")) == "a reserved address (240.0.0.0/4)");
    // Their neighbours are public.
    CHECK_FALSE(special_range(ip("172.32.0.1")));
    CHECK_FALSE(special_range(ip("100.128.0.1")));
    CHECK_FALSE(special_range(ip("11.0.0.1")));
    CHECK_FALSE(special_range(ip("93.184.216.34")));
    CHECK_FALSE(special_range(ip("128.0.0.1")));
}

TEST_CASE("every special IPv6 range is named", "[address_policy]") {
    CHECK(special_range(ip("::1")) == "a loopback address");
    CHECK(special_range(ip("::")) == "the unspecified address");
    CHECK(special_range(ip("fc00::1")) == "a unique local (private) address");
    CHECK(special_range(ip("fdff:ffff::1")) == "a unique local (private) address");
    CHECK(special_range(ip("fd00:ec2::254")) == "a cloud metadata address");
    CHECK(special_range(ip("fe80::1")) == "a link-local address");
    CHECK(special_range(ip("febf::1")) == "a link-local address");
    CHECK(special_range(ip("fec0::1")) == "a site-local (private) address");
    CHECK(special_range(ip("ff02::1")) == "a multicast address");
    CHECK(special_range(ip("100::1")) == "a discard-only address (RFC 6666)");
    CHECK_FALSE(special_range(ip("2606:4700::1111")));
    CHECK_FALSE(special_range(ip("fe00::1")));
}

TEST_CASE("IPv6 forms that carry an IPv4 address are judged by it", "[address_policy]") {
    CHECK(special_range(ip("::ffff:127.0.0.1")) == "the IPv4-mapped form of 127.0.0.1, a loopback address");
    CHECK(special_range(ip("::ffff:a9fe:a9fe")) ==
          "the IPv4-mapped form of 169.254.169.254, a cloud metadata address");
    CHECK(special_range(ip("::10.0.0.1")) == "an IPv6 form of 10.0.0.1, a private address (RFC 1918)");
    CHECK(special_range(ip("64:ff9b::7f00:1")) == "an IPv6 form of 127.0.0.1, a loopback address");
    CHECK(special_range(ip("2002:c0a8:0101::1")) == "an IPv6 form of 192.168.1.1, a private address (RFC 1918)");
    CHECK_FALSE(special_range(ip("::ffff:93.184.216.34")));
    CHECK_FALSE(special_range(ip("64:ff9b::5db8:d822")));
    CHECK_FALSE(special_range(ip("2002:5db8:d822::1")));
}

TEST_CASE("by default every special address is refused, naming the address and why", "[address_policy]") {
    const AddressPolicy policy;
    CHECK(policy.refusal(ip("127.0.0.1")) == "127.0.0.1 is a loopback address");
    CHECK(policy.refusal(ip("::1")) == "::1 is a loopback address");
    CHECK(policy.refusal(ip("::ffff:10.0.0.1")) ==
          "::ffff:10.0.0.1 is the IPv4-mapped form of 10.0.0.1, a private address (RFC 1918)");
    CHECK(policy.refusal(ip("169.254.169.254")) == "169.254.169.254 is a cloud metadata address");
    CHECK_FALSE(policy.refusal(ip("93.184.216.34")));
    CHECK_FALSE(policy.refusal(ip("2606:4700::1111")));
}

TEST_CASE("a host's refused addresses read as each reason once, and how an operator lifts them", "[address_policy]") {
    const AddressPolicy policy;
    RefusalReasons refused;
    CHECK(refused.empty());
    for (const char* address : {"127.0.0.1", "127.0.0.1", "::1"}) refused.add(*policy.refusal(ip(address)));
    CHECK_FALSE(refused.empty());
    CHECK(refused.with_remedy() ==
          "127.0.0.1 is a loopback address; ::1 is a loopback address (an operator may allow it in channels.allow_cidrs)");
}

TEST_CASE("an allow-listed CIDR lets its addresses through, in every form", "[address_policy]") {
    const AddressPolicy policy = allowing({"127.0.0.0/8", "::1/128", "10.1.0.0/16"});
    CHECK_FALSE(policy.refusal(ip("127.0.0.1")));
    CHECK_FALSE(policy.refusal(ip("127.9.9.9")));
    CHECK_FALSE(policy.refusal(ip("::1")));
    CHECK_FALSE(policy.refusal(ip("::ffff:127.0.0.1")));
    CHECK_FALSE(policy.refusal(ip("64:ff9b::7f00:1")));
    CHECK_FALSE(policy.refusal(ip("10.1.200.3")));
    CHECK(policy.refusal(ip("10.2.0.1")) == "10.2.0.1 is a private address (RFC 1918)");
    CHECK(policy.refusal(ip("192.168.0.1")) == "192.168.0.1 is a private address (RFC 1918)");
    CHECK(policy.allowed().size() == 3);
}

TEST_CASE("a metadata address is allowed only by an entry naming it alone", "[address_policy]") {
    CHECK(allowing({"169.254.0.0/16"}).refusal(ip("169.254.169.254")) == "169.254.169.254 is a cloud metadata address");
    CHECK_FALSE(allowing({"169.254.0.0/16"}).refusal(ip("169.254.1.1")));
    CHECK(allowing({"0.0.0.0/0", "::/0"}).refusal(ip("169.254.169.254")));
    CHECK(allowing({"::/0"}).refusal(ip("fd00:ec2::254")));
    CHECK_FALSE(allowing({"169.254.169.254/32"}).refusal(ip("169.254.169.254")));
    CHECK_FALSE(allowing({"169.254.169.254"}).refusal(ip("::ffff:169.254.169.254")));
    CHECK_FALSE(allowing({"fd00:ec2::254/128"}).refusal(ip("fd00:ec2::254")));
}

TEST_CASE("an IPv4 CIDR covers IPv4 addresses only, and ::/0 covers both", "[address_policy]") {
    CHECK(allowing({"0.0.0.0/0"}).refusal(ip("::1")) == "::1 is a loopback address");
    CHECK_FALSE(allowing({"0.0.0.0/0"}).refusal(ip("10.0.0.1")));
    CHECK_FALSE(allowing({"::/0"}).refusal(ip("10.0.0.1")));
    CHECK_FALSE(allowing({"::/0"}).refusal(ip("fe80::1")));
}

TEST_CASE("CIDRs are read with their prefix, or as one address", "[address_policy]") {
    auto cidr = parse_cidr("10.0.0.0/8");
    REQUIRE(cidr);
    CHECK(cidr->prefix == 104);
    CHECK(cidr->contains(ip("10.255.0.1")));
    CHECK_FALSE(cidr->contains(ip("11.0.0.1")));
    auto odd = parse_cidr("100.64.0.0/10");
    REQUIRE(odd);
    CHECK(odd->contains(ip("100.127.0.1")));
    CHECK_FALSE(odd->contains(ip("100.128.0.1")));
    auto host = parse_cidr("192.0.2.7");
    REQUIRE(host);
    CHECK(host->prefix == 128);
    auto v6 = parse_cidr("fd00::/8");
    REQUIRE(v6);
    CHECK(v6->contains(ip("fd12::1")));
    CHECK_FALSE(v6->contains(ip("fc00::1")));
    CHECK(parse_cidr("::/0")->contains(ip("1.2.3.4")));
}

TEST_CASE("a CIDR that cannot be read says why", "[address_policy]") {
    CHECK(cidr_error("localhost") == "'localhost' is not an address or a CIDR such as 10.0.0.0/8 or fd00::/8");
    CHECK(cidr_error("10.0.0/8") == "'10.0.0/8' is not an address or a CIDR such as 10.0.0.0/8 or fd00::/8");
    CHECK(cidr_error("10.0.0.0/33") == "'10.0.0.0/33': the prefix length must be a number from 0 to 32");
    CHECK(cidr_error("::/129") == "'::/129': the prefix length must be a number from 0 to 128");
    CHECK(cidr_error("10.0.0.0/") == "'10.0.0.0/': the prefix length must be a number from 0 to 32");
    CHECK(cidr_error("10.0.0.0/8x") == "'10.0.0.0/8x': the prefix length must be a number from 0 to 32");
    CHECK(cidr_error("10.0.0.0/-1") == "'10.0.0.0/-1': the prefix length must be a number from 0 to 32");
    CHECK(cidr_error("10.0.0.1/8") == "'10.0.0.1/8' has bits set past its /8 prefix: did you mean 10.0.0.0/8?");
    CHECK(cidr_error("fd00::1/8") == "'fd00::1/8' has bits set past its /8 prefix: did you mean fd00::/8?");
    auto policy = AddressPolicy::allowing({"127.0.0.0/8", "nonsense"});
    REQUIRE_FALSE(policy.ok());
    CHECK_THAT(policy.error(), Contains("'nonsense'"));
}
