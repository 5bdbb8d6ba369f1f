// Vietnamese is multi-byte UTF-8 ("Hội thảo": ộ and ả are three bytes each). Whatever shortens
// text for a message or a log must never cut a character in half.
#include <catch2/catch.hpp>

#include "engine/model/utf8.hpp"
#include "support/utf8_check.hpp"

using namespace seminarflow;
using seminarflow::test::is_valid_utf8;

TEST_CASE("utf8_prefix cuts 'Hội thảo' at every length into valid UTF-8", "[utf8]") {
    const std::string text = "Hội thảo";
    REQUIRE(is_valid_utf8(text));
    for (std::size_t limit = 0; limit <= text.size() + 1; ++limit) {
        const std::string prefix = utf8_prefix(text, limit);
        INFO("limit " << limit << ": '" << prefix << "'");
        CHECK(prefix.size() <= limit);
        CHECK(is_valid_utf8(prefix));
        CHECK(text.starts_with(prefix));
    }
}

TEST_CASE("utf8_prefix keeps as many whole characters as fit", "[utf8]") {
    const std::string text = "Hội thảo";  // H(1) ộ(3) i(1) ' '(1) t(1) h(1) ả(3) o(1)
    CHECK(utf8_prefix(text, 1) == "H");
    CHECK(utf8_prefix(text, 2) == "H");  // ộ does not fit: dropped whole
    CHECK(utf8_prefix(text, 3) == "H");
    CHECK(utf8_prefix(text, 4) == "Hộ");
    CHECK(utf8_prefix(text, 5) == "Hội");
    CHECK(utf8_prefix(text, 8) == "Hội th");
    CHECK(utf8_prefix(text, 10) == "Hội th");  // ả does not fit
    CHECK(utf8_prefix(text, 11) == "Hội thả");
    CHECK(text.size() == 12);
    CHECK(utf8_prefix(text, text.size()) == text);
    CHECK(utf8_prefix(text, 1000) == text);
    CHECK(utf8_prefix("", 3).empty());
}

TEST_CASE("utf8_prefix handles four-byte characters", "[utf8]") {
    const std::string text = "a😀b";  // the emoji is four bytes
    for (std::size_t limit = 1; limit <= 4; ++limit) CHECK(utf8_prefix(text, limit) == "a");
    CHECK(utf8_prefix(text, 5) == "a😀");
}

TEST_CASE("valid_utf8 takes Vietnamese and refuses what PostgreSQL would", "[utf8]") {
    CHECK(seminarflow::valid_utf8(""));
    CHECK(seminarflow::valid_utf8("Ban Tổ chức hội thảo 😀"));
    CHECK_FALSE(seminarflow::valid_utf8("h\xe1i"));              // Latin-1 á, not UTF-8
    CHECK_FALSE(seminarflow::valid_utf8("\xe1\xbb"));            // a character cut short
    CHECK_FALSE(seminarflow::valid_utf8("\x80"));                // a continuation byte alone
    CHECK_FALSE(seminarflow::valid_utf8("\xc0\xaf"));            // an overlong '/'
    CHECK_FALSE(seminarflow::valid_utf8("\xe0\x80\xaf"));        // another overlong '/'
    CHECK_FALSE(seminarflow::valid_utf8("\xed\xa0\x80"));        // a UTF-16 surrogate
    CHECK_FALSE(seminarflow::valid_utf8("\xf4\x90\x80\x80"));    // past U+10FFFF
}

TEST_CASE("utf8_length counts characters, not bytes", "[utf8]") {
    CHECK(seminarflow::utf8_length("") == 0);
    CHECK(seminarflow::utf8_length("Hội thảo") == 8);
    CHECK(seminarflow::utf8_length("😀") == 1);
}

TEST_CASE("utf8_repaired keeps well-formed text and replaces each bad byte", "[utf8]") {
    CHECK(seminarflow::utf8_repaired("").empty());
    CHECK(seminarflow::utf8_repaired("Hội thảo 😀") == "Hội thảo 😀");
    CHECK(seminarflow::utf8_repaired("h\xe1i") == "h\uFFFDi");                // Latin-1 á
    CHECK(seminarflow::utf8_repaired("\xff\xfe") == "\uFFFD\uFFFD");          // two bad bytes, two marks
    CHECK(seminarflow::utf8_repaired("ả\xe1\xbb") == "ả\uFFFD\uFFFD");       // a character cut short
    CHECK(seminarflow::utf8_repaired("\xc0\xaf/") == "\uFFFD\uFFFD/");        // an overlong '/'
    CHECK(seminarflow::valid_utf8(seminarflow::utf8_repaired("\xed\xa0\x80 \xf4\x90\x80\x80")));
}
