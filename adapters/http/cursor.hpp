#pragma once
// Opaque page cursors: base64url (RFC 4648 §5, no padding) of where the next page starts.
// Opaque so that clients pass them back as they are and the position's shape can change; each
// names its kind, so that a history cursor given to the instance listing is refused. Anything that
// does not decode to a well-formed position of the right kind is refused (the route answers 400).
// A cursor decoded to another well-formed position is no harm: it only lists from there.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/delivery.hpp"
#include "engine/ports/instance_listing.hpp"
#include "engine/ports/participants.hpp"

namespace seminarflow::http {

std::string base64url_encode(std::string_view bytes);
// Nothing if `text` holds a character outside the alphabet, '=' padding, or a length no
// encoding has.
std::optional<std::string> base64url_decode(std::string_view text);

std::string encode_instance_cursor(const InstancePosition& position);
std::optional<InstancePosition> decode_instance_cursor(std::string_view cursor);

// A history cursor: the seq of the last entry a page held.
std::string encode_history_cursor(std::int64_t seq);
std::optional<std::int64_t> decode_history_cursor(std::string_view cursor);

// A participants cursor: the key of the last participant a page held.
std::string encode_participant_cursor(const ParticipantKey& key);
std::optional<ParticipantKey> decode_participant_cursor(std::string_view cursor);

// A deliveries cursor: when the last delivery a page held was made, and its id.
std::string encode_delivery_cursor(const DeliveryPosition& position);
std::optional<DeliveryPosition> decode_delivery_cursor(std::string_view cursor);

// A directory cursor: the ref of the last unit (person) a page held. Units' and people's
// cursors differ, so that one is not passed to the other's listing.
enum class DirectoryCursor { units, people };
std::string encode_directory_cursor(DirectoryCursor kind, std::string_view ref);
std::optional<std::string> decode_directory_cursor(DirectoryCursor kind, std::string_view cursor);

}  // namespace seminarflow::http
