#pragma once
// Text as chat platforms take it: escaped for their markup and cut to their limits. Pure.
//
// The platforms count characters as JavaScript does, in UTF-16 code units (Telegram says so;
// Slack and Discord behave so): a Vietnamese letter is one, an emoji two. Counting that way is
// never more than a platform counts in code points, so a text that fits here fits there.
#include <cstddef>
#include <string>
#include <string_view>

namespace seminarflow::channels {

// The replacement for one byte of plain text in a markup, or empty to keep the byte as it is.
using Escape = std::string_view (*)(char byte);

std::string_view no_escape(char byte);
// & < > as entities: Telegram's HTML and Slack's mrkdwn both want exactly these three.
std::string_view html_escape(char byte);
// A backslash before the punctuation Markdown (CommonMark, Discord's) would read as markup.
std::string_view markdown_escape(char byte);
// Mattermost's Markdown: markdown_escape, `<` (an autolink) too, and a zero-width space after
// every `@`, so that "@all", "@channel" or "@someone" in instance data mentions no one (its
// mentions are words after an @, read from the raw text, escapes or not).
std::string_view mattermost_escape(char byte);
// Google Chat's own syntax has no escapes: a zero-width space on each side of * _ ~ ` keeps
// each from touching the text it would format, and one after `<` breaks "<users/all>" (a mention
// of everyone) and "<url|text>" (a link). The reader sees the same characters.
std::string_view google_chat_escape(char byte);

// A text line as an Adaptive Card TextBlock shows it: markdown_escape, and the mark of a list
// item at its start ("- ", "* ", "+ ", "1. ") escaped so that it stays text. Teams reads mentions
// only from the card's entities, never from its text, so an "@all" pings no one as it is.
std::string teams_line_escape(std::string_view line);

// Whose length a platform's limit is on: what the reader sees (Telegram counts the text "after
// entity parsing") or the text as sent, escapes and all (Slack, Discord).
enum class Counted { visible, escaped };

inline constexpr std::string_view ellipsis = "\u2026";  // one code unit

std::size_t utf16_length(std::string_view utf8);

// `plain` escaped, and when it would hold more than `limit` code units, cut to fewer with an
// ellipsis at the end. A cut falls between characters, never inside a UTF-8 sequence or an escape,
// and drops the spaces before the ellipsis. `plain` is valid UTF-8.
std::string escape_within(std::string_view plain, std::size_t limit, Escape escape, Counted counted);

// The same for text sent as it is.
inline std::string fit_within(std::string_view plain, std::size_t limit) {
    return escape_within(plain, limit, no_escape, Counted::escaped);
}

// How many code units the escaped form of `plain` holds, counted as `counted` says.
std::size_t escaped_length(std::string_view plain, Escape escape, Counted counted);

}  // namespace seminarflow::channels
