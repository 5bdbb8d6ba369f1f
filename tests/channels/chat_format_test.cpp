// What each chat platform is sent for one rendered message: its documented format, its escapes
// and its limits. Pure: no network.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow::channels {
namespace {

using Catch::Matchers::Contains;

const RenderedMessage message{"vi", "Hội thảo <Công đoàn> & đoàn viên",
                              "Thời gian: 08:00 ngày 04/08/2026\nĐịa điểm: Hội trường *A* & B\nKinh phí: 1.500.000 ₫"};

Endpoint endpoint_with(std::optional<std::string> chat_id = std::nullopt) {
    Endpoint endpoint;
    endpoint.chat_id = std::move(chat_id);
    return endpoint;
}

boost::json::object formatted(const ChatPlatform& platform, const RenderedMessage& rendered,
                              const Endpoint& endpoint = endpoint_with("-1001234567890")) {
    const auto body = platform.format(rendered, endpoint);
    REQUIRE(body.ok());
    return boost::json::parse(*body).as_object();
}

std::string text_at(const boost::json::value& value) { return std::string(value.as_string()); }

// A body far over every platform's limit, of two- and three-byte characters.
RenderedMessage long_message() {
    std::string body;
    while (body.size() < 120'000) body += "Tham luận của các đơn vị & <kiến nghị> ";
    return {"vi", "Kết luận hội nghị", body};
}

}  // namespace

TEST_CASE("every platform is known by its endpoint channel name, and only Telegram needs a chat id",
          "[channels][chat][format]") {
    std::vector<std::string> names;
    for (const ChatPlatform& platform : chat_platforms()) names.emplace_back(platform.name);
    CHECK(names == std::vector<std::string>{"slack", "teams", "discord", "telegram", "mattermost", "google_chat"});
    CHECK(find_chat_platform("telegram")->needs_chat_id);
    CHECK_FALSE(find_chat_platform("slack")->needs_chat_id);
    CHECK(find_chat_platform("webhook") == nullptr);
    CHECK(find_chat_platform("Slack") == nullptr);
}

TEST_CASE("Slack gets text and blocks, with & < > escaped in mrkdwn", "[channels][chat][format][slack]") {
    const auto body = formatted(*find_chat_platform("slack"), message);
    const auto& blocks = body.at("blocks").as_array();
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].at("type") == "header");
    CHECK(blocks[0].at("text").at("type") == "plain_text");
    CHECK(text_at(blocks[0].at("text").at("text")) == message.subject);  // plain_text: no escapes
    CHECK(blocks[1].at("text").at("type") == "mrkdwn");
    CHECK(text_at(blocks[1].at("text").at("text")) ==
          "Thời gian: 08:00 ngày 04/08/2026\nĐịa điểm: Hội trường *A* &amp; B\nKinh phí: 1.500.000 ₫");
    CHECK(text_at(body.at("text")) == "Hội thảo &lt;Công đoàn&gt; &amp; đoàn viên\n" +
                                          text_at(blocks[1].at("text").at("text")));
}

TEST_CASE("Slack's header and section keep to 150 and 3,000 characters", "[channels][chat][format][slack]") {
    RenderedMessage big = long_message();
    big.subject = std::string(200, 'x');
    const auto body = formatted(*find_chat_platform("slack"), big);
    const std::string header = text_at(body.at("blocks").at(0).at("text").at("text"));
    const std::string section = text_at(body.at("blocks").at(1).at("text").at("text"));
    CHECK(utf16_length(header) == 150);
    CHECK(utf16_length(section) <= 3000);
    CHECK(utf16_length(text_at(body.at("text"))) <= 4000);
    CHECK(section.ends_with(ellipsis));
    CHECK(valid_utf8(section));
    // Never inside an entity: every & starts a whole one.
    for (std::size_t at = section.find('&'); at != std::string::npos; at = section.find('&', at + 1)) {
        const std::string_view rest = std::string_view(section).substr(at);
        CHECK((rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;")));
    }
}

TEST_CASE("Teams gets a message with an Adaptive Card, a TextBlock a line", "[channels][chat][format][teams]") {
    const auto body = formatted(*find_chat_platform("teams"), message);
    CHECK(body.at("type") == "message");
    const auto& attachment = body.at("attachments").at(0);
    CHECK(attachment.at("contentType") == "application/vnd.microsoft.card.adaptive");
    const auto& card = attachment.at("content");
    CHECK(card.at("type") == "AdaptiveCard");
    CHECK(card.at("version") == "1.4");
    const auto& blocks = card.at("body").as_array();
    REQUIRE(blocks.size() == 4);
    CHECK(text_at(blocks[0].at("text")) == "Hội thảo <Công đoàn\\> & đoàn viên");
    CHECK(blocks[0].at("weight") == "Bolder");
    CHECK(text_at(blocks[2].at("text")) == "Địa điểm: Hội trường \\*A\\* & B");
    CHECK(text_at(blocks[3].at("text")) == "Kinh phí: 1.500.000 ₫");
    CHECK(blocks[3].at("wrap") == true);
}

TEST_CASE("Teams keeps a long message well under its 28 KB", "[channels][chat][format][teams]") {
    const auto body = find_chat_platform("teams")->format(long_message(), endpoint_with());
    REQUIRE(body.ok());
    CHECK(body->size() < 28 * 1024);
}

TEST_CASE("Discord gets content of at most 2,000 characters, escaped, mentioning no one",
          "[channels][chat][format][discord]") {
    const auto body = formatted(*find_chat_platform("discord"), message);
    CHECK(text_at(body.at("content")) ==
          "**Hội thảo <Công đoàn\\> & đoàn viên**\nThời gian: 08:00 ngày 04/08/2026\nĐịa điểm: Hội trường \\*A\\* & B\n"
          "Kinh phí: 1.500.000 ₫");
    CHECK(body.at("allowed_mentions").at("parse").as_array().empty());
    const auto big = formatted(*find_chat_platform("discord"), long_message());
    const std::string content = text_at(big.at("content"));
    CHECK(utf16_length(content) <= 2000);
    CHECK(utf16_length(content) >= 1990);
    CHECK(content.starts_with("**Kết luận hội nghị**\n"));
    CHECK(content.ends_with(ellipsis));
}

TEST_CASE("Telegram gets chat_id and HTML text, & < > escaped, at most 4,096 characters as read",
          "[channels][chat][format][telegram]") {
    const auto body = formatted(*find_chat_platform("telegram"), message);
    CHECK(body.at("chat_id") == -1001234567890LL);
    CHECK(body.at("parse_mode") == "HTML");
    CHECK(text_at(body.at("text")) ==
          "<b>Hội thảo &lt;Công đoàn&gt; &amp; đoàn viên</b>\nThời gian: 08:00 ngày 04/08/2026\n"
          "Địa điểm: Hội trường *A* &amp; B\nKinh phí: 1.500.000 ₫");
    CHECK(formatted(*find_chat_platform("telegram"), message, endpoint_with("@congdoan_hn")).at("chat_id") ==
          "@congdoan_hn");

    const std::string text = text_at(formatted(*find_chat_platform("telegram"), long_message()).at("text"));
    // What a reader sees: the tags gone, each entity one character.
    std::string seen = text.substr(3);
    seen.erase(seen.find("</b>"), 4);
    std::size_t visible = utf16_length(seen);
    for (const std::string_view entity : {"&amp;", "&lt;", "&gt;"}) {
        for (std::size_t at = seen.find(entity); at != std::string::npos; at = seen.find(entity, at + 1)) {
            visible -= entity.size() - 1;
        }
    }
    CHECK(visible <= 4096);
    CHECK(visible >= 4086);
    CHECK(text.ends_with(ellipsis));
    CHECK(valid_utf8(text));
}

TEST_CASE("a Telegram endpoint without a usable chat id is refused with why", "[channels][chat][format][telegram]") {
    const ChatPlatform& telegram = *find_chat_platform("telegram");
    CHECK_THAT(telegram.format(message, endpoint_with()).error(), Contains("needs a chat id"));
    CHECK_THAT(telegram.format(message, endpoint_with("group")).error(), Contains("neither a number"));
    CHECK(check_telegram_chat_id("-1001234567890").ok());
    CHECK(check_telegram_chat_id("12345").ok());
    CHECK(check_telegram_chat_id("@congdoan_hn").ok());
    CHECK_THAT(check_telegram_chat_id("@abc").error(), Contains("neither a number"));
    CHECK_THAT(check_telegram_chat_id("@1abcdef").error(), Contains("neither a number"));
    CHECK_THAT(check_telegram_chat_id("").error(), Contains("neither a number"));
    CHECK_THAT(check_telegram_chat_id("-").error(), Contains("neither a number"));
    CHECK_THAT(check_telegram_chat_id("1234567890123456789").error(), Contains("too long"));
}

TEST_CASE("Mattermost gets Markdown text, the subject in bold, within 16,383 characters",
          "[channels][chat][format][mattermost]") {
    const auto body = formatted(*find_chat_platform("mattermost"), message);
    CHECK(text_at(body.at("text")) ==
          "**Hội thảo \\<Công đoàn\\> & đoàn viên**\nThời gian: 08:00 ngày 04/08/2026\nĐịa điểm: Hội trường \\*A\\* & B\n"
          "Kinh phí: 1.500.000 ₫");
    const std::string text = text_at(formatted(*find_chat_platform("mattermost"), long_message()).at("text"));
    CHECK(utf16_length(text) <= 16383);
    CHECK(text.ends_with(ellipsis));
}

TEST_CASE("Google Chat gets text, the subject in *bold*, within 4,096 characters", "[channels][chat][format][google]") {
    const auto body = formatted(*find_chat_platform("google_chat"), message);
    CHECK(text_at(body.at("text")) ==
          "*Hội thảo <\u200BCông đoàn> & đoàn viên*\nThời gian: 08:00 ngày 04/08/2026\n"
          "Địa điểm: Hội trường \u200B*\u200BA\u200B*\u200B & B\nKinh phí: 1.500.000 ₫");
    const std::string text = text_at(formatted(*find_chat_platform("google_chat"), long_message()).at("text"));
    CHECK(utf16_length(text) <= 4096);
    CHECK(text.ends_with(ellipsis));
}

// Instance data that would format or mention everyone, were it passed through as it is.
const RenderedMessage mischief{"vi", "@all **Họp gấp** <users/all>",
                               "- mục một\n1. mục hai\n@channel _nghiêng_ [liên kết](https://x.example) ~kênh `mã`"};

TEST_CASE("Teams shows instance data as written: no bold, italics, links or list items from it",
          "[channels][chat][format][teams][escape]") {
    const auto body = formatted(*find_chat_platform("teams"), mischief);
    const auto& blocks = body.at("attachments").at(0).at("content").at("body").as_array();
    REQUIRE(blocks.size() == 4);
    CHECK(text_at(blocks[0].at("text")) == "@all \\*\\*Họp gấp\\*\\* <users/all\\>");
    CHECK(text_at(blocks[1].at("text")) == "\\- mục một");
    CHECK(text_at(blocks[2].at("text")) == "1\\. mục hai");
    CHECK(text_at(blocks[3].at("text")) ==
          "@channel \\_nghiêng\\_ \\[liên kết\\](https://x.example) \\~kênh \\`mã\\`");
    // Only a list item's mark is escaped: a dash or a number inside a line is text already.
    CHECK(teams_line_escape("Kinh phí: 1.500.000 ₫ - đủ") == "Kinh phí: 1.500.000 ₫ - đủ");
    CHECK(teams_line_escape("2026. năm") == "2026\\. năm");
    CHECK(teams_line_escape("2026.năm") == "2026.năm");
    CHECK(teams_line_escape("-5 độ") == "-5 độ");
}

TEST_CASE("Mattermost shows instance data as written and mentions no one",
          "[channels][chat][format][mattermost][escape]") {
    const std::string text = text_at(formatted(*find_chat_platform("mattermost"), mischief).at("text"));
    CHECK(text == "**@\u200Ball \\*\\*Họp gấp\\*\\* \\<users/all\\>**\n"
                  "- mục một\n1. mục hai\n"
                  "@\u200Bchannel \\_nghiêng\\_ \\[liên kết\\](https://x.example) \\~kênh \\`mã\\`");
    CHECK(text.find("@all") == std::string::npos);
    CHECK(text.find("@channel") == std::string::npos);
    CHECK(text.find("**Họp") == std::string::npos);
}

TEST_CASE("Google Chat shows instance data as written: no formatting, and no mention of everyone",
          "[channels][chat][format][google][escape]") {
    const std::string text = text_at(formatted(*find_chat_platform("google_chat"), mischief).at("text"));
    CHECK(text.find("<users/all>") == std::string::npos);
    CHECK(text.find("**") == std::string::npos);
    CHECK(text.starts_with("*@all \u200B*\u200B\u200B*\u200BHọp gấp\u200B*\u200B\u200B*\u200B <\u200Busers/all>*\n"));
    CHECK_THAT(text, Contains("\u200B_\u200Bnghiêng\u200B_\u200B"));
    CHECK_THAT(text, Contains("\u200B~\u200Bkênh \u200B`\u200Bmã\u200B`\u200B"));
    // Without the zero-width spaces, the reader sees exactly the data.
    std::string seen = text;
    for (std::size_t at; (at = seen.find("\u200B")) != std::string::npos;) seen.erase(at, 3);
    CHECK(seen == "*" + mischief.subject + "*\n" + mischief.body);
}

}  // namespace seminarflow::channels
