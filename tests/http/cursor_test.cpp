#include <catch2/catch.hpp>

#include "adapters/http/cursor.hpp"

using namespace seminarflow;
using namespace seminarflow::http;

TEST_CASE("base64url encodes as RFC 4648 section 5 says, without padding", "[http][cursor]") {
    // RFC 4648's test vectors, padding dropped.
    CHECK(base64url_encode("") == "");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foo") == "Zm9v");
    CHECK(base64url_encode("foob") == "Zm9vYg");
    CHECK(base64url_encode("fooba") == "Zm9vYmE");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
    // The two characters that differ from base64: '-' and '_' instead of '+' and '/'.
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(base64url_decode("-_8") == std::string("\xfb\xff"));
    const std::vector<std::string> samples{"", "a", "ab", "abc", "Hội thảo", std::string("\0\x01\xff", 3)};
    for (const std::string& bytes : samples) {
        CHECK(base64url_decode(base64url_encode(bytes)) == bytes);
    }
}

TEST_CASE("base64url refuses what no encoding gives", "[http][cursor]") {
    CHECK_FALSE(base64url_decode("Zm9v+g").has_value());  // base64's alphabet, not base64url's
    CHECK_FALSE(base64url_decode("Zg==").has_value());    // padding
    CHECK_FALSE(base64url_decode("Zm9vY").has_value());   // a length no byte count encodes to
    CHECK_FALSE(base64url_decode("Zh").has_value());      // leftover bits that are not zero
    CHECK_FALSE(base64url_decode("Zm 9v").has_value());
}

TEST_CASE("an instance cursor gives back its position", "[http][cursor]") {
    const InstancePosition position{*parse_rfc3339("2026-12-02T00:00:00.500Z"), "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"};
    const std::string cursor = encode_instance_cursor(position);
    CHECK(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(decode_instance_cursor(cursor) == position);
}

TEST_CASE("a tampered or foreign cursor is refused", "[http][cursor]") {
    const std::string id = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    const std::string good = encode_instance_cursor({*parse_rfc3339("2026-12-02T00:00:00Z"), id});
    std::string flipped = good;
    flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
    CHECK_FALSE(decode_instance_cursor(flipped).has_value());
    CHECK_FALSE(decode_instance_cursor(good.substr(0, good.size() - 4)).has_value());
    CHECK_FALSE(decode_instance_cursor("not a cursor").has_value());
    CHECK_FALSE(decode_instance_cursor(base64url_encode("i1|1790000000000|not-a-uuid")).has_value());
    CHECK_FALSE(decode_instance_cursor(base64url_encode("i1|soon|" + id)).has_value());
    CHECK_FALSE(decode_instance_cursor(base64url_encode("i1|-5|" + id)).has_value());
    CHECK_FALSE(decode_instance_cursor(base64url_encode("i1|99999999999999999|" + id)).has_value());
    CHECK_FALSE(decode_instance_cursor(base64url_encode("i2|1790000000000|" + id)).has_value());
    // A history cursor is not an instance listing's, nor the other way round.
    CHECK_FALSE(decode_instance_cursor(encode_history_cursor(3)).has_value());
    CHECK_FALSE(decode_history_cursor(good).has_value());
}

TEST_CASE("a history cursor gives back its seq", "[http][cursor]") {
    CHECK(decode_history_cursor(encode_history_cursor(0)) == 0);
    CHECK(decode_history_cursor(encode_history_cursor(42)) == 42);
    CHECK_FALSE(decode_history_cursor(base64url_encode("h1|-1")).has_value());
    CHECK_FALSE(decode_history_cursor(base64url_encode("h1|4x")).has_value());
    CHECK_FALSE(decode_history_cursor(base64url_encode("h1|")).has_value());
}

TEST_CASE("a participants cursor gives back its key, whatever its ref holds", "[http][cursor]") {
    const ParticipantKey unit{ParticipantKind::unit, "Công đoàn Sở Tư pháp | khối 3", "contributor"};
    CHECK(decode_participant_cursor(encode_participant_cursor(unit)) == unit);
    const ParticipantKey person{ParticipantKind::person, "a", "chair"};
    CHECK(decode_participant_cursor(encode_participant_cursor(person)) == person);

    CHECK_FALSE(decode_participant_cursor(base64url_encode("p1|group|guest|a")).has_value());
    CHECK_FALSE(decode_participant_cursor(base64url_encode("p1|unit||a")).has_value());
    CHECK_FALSE(decode_participant_cursor(base64url_encode("p1|unit|guest|")).has_value());
    CHECK_FALSE(decode_participant_cursor(base64url_encode("p1|unit|guest")).has_value());
    CHECK_FALSE(decode_participant_cursor(base64url_encode("p1|unit")).has_value());
    CHECK_FALSE(decode_participant_cursor(encode_history_cursor(3)).has_value());
    CHECK_FALSE(decode_history_cursor(encode_participant_cursor(unit)).has_value());
    CHECK_FALSE(decode_participant_cursor("not a cursor").has_value());
}
