// Tokens as secrets: what generate_token makes, what well_formed_token lets through to the
// store, and the hash kept in the token's place.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/http/bearer_token.hpp"

namespace seminarflow::http {

TEST_CASE("a new token is sft_ and 256 random bits, different every time", "[http][tokens]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string token = generate_token();
        CHECK(token.starts_with("sft_"));
        CHECK(token.size() == 4 + 43);
        CHECK(well_formed_token(token));
        seen.insert(token);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("only a token's shape gets as far as the store", "[http][tokens]") {
    const std::string good = "sft_" + std::string(43, 'A');
    CHECK(well_formed_token(good));
    CHECK(well_formed_token("sft_" + std::string(42, 'z') + "-"));
    CHECK(well_formed_token("sft_" + std::string(42, '0') + "_"));
    CHECK_FALSE(well_formed_token(""));
    CHECK_FALSE(well_formed_token("sft_"));
    CHECK_FALSE(well_formed_token(good.substr(0, good.size() - 1)));   // one short
    CHECK_FALSE(well_formed_token(good + "A"));                         // one long
    CHECK_FALSE(well_formed_token("SFT_" + std::string(43, 'A')));      // the prefix is lower-case
    CHECK_FALSE(well_formed_token("ghp_" + std::string(43, 'A')));      // someone else's token
    CHECK_FALSE(well_formed_token("sft_" + std::string(42, 'A') + "="));  // base64 padding, '+' and '/'
    CHECK_FALSE(well_formed_token("sft_" + std::string(42, 'A') + "+"));
    CHECK_FALSE(well_formed_token("sft_" + std::string(42, 'A') + " "));
}

TEST_CASE("what is kept of a token is its SHA-256, in hex", "[http][tokens]") {
    CHECK(token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string token = generate_token();
    const std::string hash = token_hash(token);
    CHECK(hash.size() == 64);
    CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(hash == token_hash(token));
    CHECK(hash != token_hash(generate_token()));
}

TEST_CASE("a Bearer header's credentials are read in any case of the scheme, blanks trimmed", "[http][tokens]") {
    CHECK(bearer_credentials("Bearer sft_abc") == "sft_abc");
    CHECK(bearer_credentials(" \tbEaReR \t sft_abc \t") == "sft_abc");
    CHECK(bearer_credentials("Bearer") == "");
    CHECK_FALSE(bearer_credentials("Bearerx sft_abc").has_value());
    CHECK_FALSE(bearer_credentials("Basic dXNlcjpwYXNz").has_value());
    CHECK_FALSE(bearer_credentials("").has_value());
}

}  // namespace seminarflow::http
