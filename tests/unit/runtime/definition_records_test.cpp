#include <catch2/catch.hpp>

#include "engine/runtime/definition_records.hpp"
#include "workflows/shipped_catalogue.hpp"

using namespace seminarflow;

TEST_CASE("SHA-256 is the standard one", "[runtime][definitions]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("every loaded definition becomes a record with its source and checksum", "[runtime][definitions]") {
    const auto records = definition_records(test::shipped_catalogue());
    REQUIRE(records.size() == test::shipped_catalogue().all().size());
    for (const auto& record : records) {
        INFO(record.name);
        const Definition* definition = test::shipped_catalogue().find(record.name);
        REQUIRE(definition);
        CHECK(record.version == definition->version);
        CHECK(record.source == definition->source);
        CHECK(record.checksum == sha256_hex(definition->source));
        CHECK(record.checksum.size() == 64);
    }
}
