#pragma once
// What the instance routes read from a request, checked before anything runs: the JSON bodies,
// the query parameters, the Idempotency-Key header. Pure; each refusal is the response to send.
//
// The rule the API follows: a body that is not JSON gets 400 (malformed-json); JSON of the wrong
// shape (not an object, a member missing, unknown or of the wrong type) gets 422 (invalid-body)
// naming the member in `field`; a bad query parameter or header gets 400 naming it in `field`.
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"
#include "adapters/http/parsing_parts.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/instance_listing.hpp"
#include "engine/ports/participants.hpp"

namespace seminarflow::http {


// POST /v1/instances: {"workflow": "...", "data": {...}, "parent": "..." | null}; data defaults
// to {} (the workflow says which fields it needs), parent to none.
struct CreateRequest {
    std::string workflow;
    boost::json::object data;
    std::optional<std::string> parent;
};
Parsed<CreateRequest> parse_create_request(std::string_view body);

// POST /v1/instances/{id}/events: {"type": "...", "payload": {...}}; payload defaults to {}.
struct EventRequest {
    std::string type;
    boost::json::object payload;
};
Parsed<EventRequest> parse_event_request(std::string_view body);

// The Idempotency-Key header: nothing without one; otherwise 1 to 255 visible ASCII characters.
Parsed<std::optional<std::string>> parse_idempotency_key(const Request& request);


// GET /v1/instances?workflow=&state=&parent=&participant=&cursor=&limit= (an empty value is no
// filter); participant is KIND:REF, `unit:Công đoàn Sở Tư pháp` or `person:nguyen-van-kien`.
struct ListingQuery {
    InstanceFilter filter;
    std::optional<InstancePosition> after;
    std::size_t limit = default_page_limit;
};
Parsed<ListingQuery> parse_listing_query(const Request& request);

// GET /v1/instances/{id}/history?after=SEQ|cursor=&limit=: entries after seq `after` (0: all).
struct HistoryQuery {
    std::int64_t after = 0;
    std::size_t limit = default_page_limit;
};
Parsed<HistoryQuery> parse_history_query(const Request& request);

// POST /v1/instances/{id}/participants: {"kind": "person" | "unit", "ref": "...", "role": "...",
// "display_name"?, "contact"?, "language"?, "rsvp"?}. kind, ref and role say which participant;
// the others are what it sets (participants.hpp). A role is a name as workflows' audiences spell
// it: a lower-case letter, then lower-case letters, digits or '_', at most 64. A contact is an
// object of strings; a language a tag such as "vi" or "en-GB"; rsvp one of needs_action,
// accepted, declined, tentative.
struct ParticipantRequest {
    ParticipantKey key;
    std::optional<std::string> display_name = std::nullopt;
    std::optional<boost::json::object> contact = std::nullopt;
    std::optional<std::string> language = std::nullopt;
    std::optional<Rsvp> rsvp = std::nullopt;
};
Parsed<ParticipantRequest> parse_participant_request(std::string_view body);

// A role as workflows' audiences spell it: a lower-case letter, then lower-case letters, digits
// or '_', at most 64.
bool is_role_name(std::string_view name);

// A body's "contact" (engine/model/contact.hpp): an object of strings, nothing when absent; with
// `check_addresses`, an "email" must be an address too (the directory checks, participants not).
Parsed<std::optional<boost::json::object>> contact_member(boost::json::object& body, bool check_addresses);

// GET /v1/instances/{id}/participants?role=&rsvp=&cursor=&limit=
struct ParticipantsQuery {
    ParticipantFilter filter;
    std::optional<ParticipantKey> after;
    std::size_t limit = default_page_limit;
};
Parsed<ParticipantsQuery> parse_participants_query(const Request& request);

}  // namespace seminarflow::http
