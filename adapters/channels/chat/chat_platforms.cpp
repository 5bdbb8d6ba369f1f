#include "adapters/channels/chat/chat_platforms.hpp"

#include <array>

namespace seminarflow::channels {
namespace {

constexpr std::array<ChatPlatform, 6> platforms{{
    {"slack", "Slack", false, format_slack, read_slack_answer},
    {"teams", "Microsoft Teams", false, format_teams, read_teams_answer},
    {"discord", "Discord", false, format_discord, read_discord_answer},
    {"telegram", "Telegram", true, format_telegram, read_telegram_answer},
    {"mattermost", "Mattermost", false, format_mattermost, read_mattermost_answer},
    {"google_chat", "Google Chat", false, format_google_chat, read_google_chat_answer},
}};

bool digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::span<const ChatPlatform> chat_platforms() { return platforms; }

const ChatPlatform* find_chat_platform(std::string_view name) {
    for (const ChatPlatform& platform : platforms) {
        if (platform.name == name) return &platform;
    }
    return nullptr;
}

Result<std::string, std::string> check_telegram_chat_id(std::string_view chat_id) {
    const std::string_view number = chat_id.starts_with('-') ? chat_id.substr(1) : chat_id;
    if (digits(number)) {
        // Telegram's ids fit in 52 bits; anything longer than an int64 is not one.
        if (number.size() > 18) return fail("the chat id '" + std::string(chat_id) + "' is too long to be a Telegram chat id");
        return std::string(chat_id);
    }
    if (chat_id.starts_with('@')) {
        const std::string_view user = chat_id.substr(1);
        const bool shaped = user.size() >= 5 && user.size() <= 32 &&
                            ((user[0] >= 'a' && user[0] <= 'z') || (user[0] >= 'A' && user[0] <= 'Z')) &&
                            user.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                                std::string_view::npos;
        if (shaped) return std::string(chat_id);
    }
    return fail("the chat id '" + std::string(chat_id) +
                "' is neither a number (a group's is negative, e.g. -1001234567890) nor a public @channelusername");
}

}  // namespace seminarflow::channels
