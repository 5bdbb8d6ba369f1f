#include "adapters/http/cursor.hpp"

#include <array>
#include <charconv>

namespace seminarflow::http {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view instance_kind = "i1|";
constexpr std::string_view history_kind = "h1|";
constexpr std::string_view participant_kind = "p1|";
constexpr std::string_view delivery_kind = "d1|";
constexpr std::string_view unit_kind = "u1|";
constexpr std::string_view person_kind = "n1|";

constexpr std::array<int, 256> decoding_table() {
    std::array<int, 256> table{};
    for (auto& value : table) value = -1;
    for (std::size_t i = 0; i < alphabet.size(); ++i) table[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
    return table;
}

constexpr auto decoding = decoding_table();

// Instances are created between 1970 and the year 9999, which the store's time columns can hold.
constexpr std::int64_t latest_millis = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z

// Ids are the uuids the engine makes: 36 characters, lower-case hex and dashes.
bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_place ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::optional<std::int64_t> parse_whole(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const auto group = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6) text += alphabet[(group >> shift) & 0x3f];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned group = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        text += alphabet[(group >> 18) & 0x3f];
        text += alphabet[(group >> 12) & 0x3f];
        if (rest == 2) text += alphabet[(group >> 6) & 0x3f];
    }
    return text;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;  // no byte count encodes to this length
    std::string bytes;
    bytes.reserve(text.size() * 3 / 4);
    unsigned group = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = decoding[static_cast<unsigned char>(c)];
        if (value < 0) return std::nullopt;
        group = (group << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((group >> bits) & 0xff);
        }
    }
    // The bits left over must be zero: otherwise two texts would decode to the same bytes.
    if ((group & ((1u << bits) - 1)) != 0) return std::nullopt;
    return bytes;
}

std::string encode_instance_cursor(const InstancePosition& position) {
    return base64url_encode(std::string(instance_kind) + std::to_string(position.created_at.time_since_epoch().count()) +
                            "|" + position.id);
}

std::optional<InstancePosition> decode_instance_cursor(std::string_view cursor) {
    const auto bytes = base64url_decode(cursor);
    if (!bytes || !bytes->starts_with(instance_kind)) return std::nullopt;
    const std::string_view rest = std::string_view(*bytes).substr(instance_kind.size());
    const auto bar = rest.find('|');
    if (bar == std::string_view::npos) return std::nullopt;
    const auto millis = parse_whole(rest.substr(0, bar));
    const std::string_view id = rest.substr(bar + 1);
    if (!millis || *millis < 0 || *millis > latest_millis || !is_uuid(id)) return std::nullopt;
    return InstancePosition{Time{Duration{*millis}}, std::string(id)};
}

namespace {

// A time and an id after the kind: what the instance and delivery cursors hold.
std::optional<std::pair<Time, std::string>> decode_time_and_id(std::string_view cursor, std::string_view kind) {
    const auto bytes = base64url_decode(cursor);
    if (!bytes || !bytes->starts_with(kind)) return std::nullopt;
    const std::string_view rest = std::string_view(*bytes).substr(kind.size());
    const auto bar = rest.find('|');
    if (bar == std::string_view::npos) return std::nullopt;
    const auto millis = parse_whole(rest.substr(0, bar));
    if (!millis || *millis < 0 || *millis > latest_millis || bar + 1 == rest.size()) return std::nullopt;
    return std::pair{Time{Duration{*millis}}, std::string(rest.substr(bar + 1))};
}

}  // namespace

std::string encode_delivery_cursor(const DeliveryPosition& position) {
    return base64url_encode(std::string(delivery_kind) + std::to_string(position.created_at.time_since_epoch().count()) +
                            "|" + position.id);
}

// Delivery ids are the engine's uuids in serve, but the store takes any id: only a non-empty one
// is asked for.
std::optional<DeliveryPosition> decode_delivery_cursor(std::string_view cursor) {
    auto decoded = decode_time_and_id(cursor, delivery_kind);
    if (!decoded) return std::nullopt;
    return DeliveryPosition{decoded->first, std::move(decoded->second)};
}

std::string encode_history_cursor(std::int64_t seq) {
    return base64url_encode(std::string(history_kind) + std::to_string(seq));
}

std::optional<std::int64_t> decode_history_cursor(std::string_view cursor) {
    const auto bytes = base64url_decode(cursor);
    if (!bytes || !bytes->starts_with(history_kind)) return std::nullopt;
    const auto seq = parse_whole(std::string_view(*bytes).substr(history_kind.size()));
    if (!seq || *seq < 0) return std::nullopt;
    return seq;
}

// The role has no '|' (it is a name of lower-case letters, digits and '_'), so the ref, which may
// hold anything, comes last and whole.
std::string encode_participant_cursor(const ParticipantKey& key) {
    return base64url_encode(std::string(participant_kind) + std::string(participant_kind_name(key.kind)) + "|" +
                            key.role + "|" + key.ref);
}

std::optional<ParticipantKey> decode_participant_cursor(std::string_view cursor) {
    const auto bytes = base64url_decode(cursor);
    if (!bytes || !bytes->starts_with(participant_kind)) return std::nullopt;
    std::string_view rest = std::string_view(*bytes).substr(participant_kind.size());
    const auto first_bar = rest.find('|');
    if (first_bar == std::string_view::npos) return std::nullopt;
    const auto kind = parse_participant_kind(rest.substr(0, first_bar));
    rest.remove_prefix(first_bar + 1);
    const auto second_bar = rest.find('|');
    if (!kind || second_bar == std::string_view::npos || second_bar == 0 || second_bar + 1 == rest.size()) {
        return std::nullopt;
    }
    return ParticipantKey{*kind, std::string(rest.substr(second_bar + 1)), std::string(rest.substr(0, second_bar))};
}

std::string encode_directory_cursor(DirectoryCursor kind, std::string_view ref) {
    return base64url_encode(std::string(kind == DirectoryCursor::units ? unit_kind : person_kind) + std::string(ref));
}

std::optional<std::string> decode_directory_cursor(DirectoryCursor kind, std::string_view cursor) {
    const std::string_view prefix = kind == DirectoryCursor::units ? unit_kind : person_kind;
    auto bytes = base64url_decode(cursor);
    if (!bytes || !bytes->starts_with(prefix) || bytes->size() == prefix.size()) return std::nullopt;
    return bytes->substr(prefix.size());
}

}  // namespace seminarflow::http
