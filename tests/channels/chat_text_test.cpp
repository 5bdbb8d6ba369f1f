// Cutting and escaping text for chat platforms: Vietnamese is multi-byte UTF-8, and a cut must
// fall between characters and outside escapes, with an ellipsis to show it.
#include <catch2/catch.hpp>

#include "adapters/channels/chat/chat_text.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow::channels {

TEST_CASE("a text within the limit is only escaped", "[channels][chat][text]") {
    CHECK(escape_within("A & B <c>", 100, html_escape, Counted::escaped) == "A &amp; B &lt;c&gt;");
    CHECK(escape_within("*Hội thảo* _x_ `y` [z]", 100, markdown_escape, Counted::escaped) ==
          "\\*Hội thảo\\* \\_x\\_ \\`y\\` \\[z\\]");
    CHECK(fit_within("Tọa đàm", 7) == "Tọa đàm");
}

TEST_CASE("lengths are counted in UTF-16 code units, as the platforms count", "[channels][chat][text]") {
    CHECK(utf16_length("abc") == 3);
    CHECK(utf16_length("Hội thảo") == 8);  // every Vietnamese letter is one, though two or three bytes
    CHECK(utf16_length("🎉") == 2);        // beyond the BMP: a surrogate pair
    CHECK(escaped_length("a<b", html_escape, Counted::escaped) == 6);
    CHECK(escaped_length("a<b", html_escape, Counted::visible) == 3);
}

TEST_CASE("a long text is cut between characters with an ellipsis, within the limit", "[channels][chat][text]") {
    const std::string text = "Hội nghị tổng kết công tác công đoàn năm 2026";
    const std::string cut = fit_within(text, 10);
    CHECK(cut == "Hội nghị…");  // nine characters fit; the space before the ellipsis is dropped
    CHECK(utf16_length(cut) <= 10);
    CHECK(valid_utf8(cut));
    // Every limit gives valid UTF-8 no longer than the limit, ending in the ellipsis.
    for (std::size_t limit = 1; limit < utf16_length(text); ++limit) {
        const std::string piece = fit_within(text, limit);
        CHECK(valid_utf8(piece));
        CHECK(utf16_length(piece) <= limit);
        CHECK(piece.ends_with(ellipsis));
    }
    CHECK(fit_within(text, 0).empty());
}

TEST_CASE("a cut never splits an escape, nor a surrogate pair", "[channels][chat][text]") {
    // Counted as sent: "a &amp;" would be 7 with the ellipsis 8, over a limit of 7.
    CHECK(escape_within("a & b & c", 7, html_escape, Counted::escaped) == "a…");
    CHECK(escape_within("a & b & c", 8, html_escape, Counted::escaped) == "a &amp;…");
    // Counted as read (Telegram): the entity is one character.
    CHECK(escape_within("a & b & c", 4, html_escape, Counted::visible) == "a &amp;…");
    CHECK(escape_within("ab🎉cd", 3, no_escape, Counted::escaped) == "ab…");
    CHECK(escape_within("ab🎉cd", 5, no_escape, Counted::escaped) == "ab🎉…");
    CHECK(escape_within("x\\y*z", 4, markdown_escape, Counted::escaped) == "x\\\\…");
    CHECK(escape_within("x\\y*z", 3, markdown_escape, Counted::escaped) == "x…");
}

}  // namespace seminarflow::channels
