#pragma once
// Participants as the store keeps them (GET|POST /v1/instances/{id}/participants): a write that
// adds one or changes one, and keyset pages of an instance's participants.
//
// Participants sit beside an instance, not in it: adding one is not an event, moves no state
// and bumps no version, so a participant answering its invitation never races the organisers'
// transitions.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/participant.hpp"
#include "engine/ports/commit.hpp"

namespace seminarflow {

// A participant added, or changed where one with the same key exists. A member left empty keeps
// what is stored, or takes the column's default (no name, no contact, "vi", needs_action) when
// the participant is new; contact is replaced as a whole, not merged.
struct ParticipantChange {
    std::string instance_id;
    ParticipantKey key;
    std::optional<std::string> display_name = std::nullopt;
    std::optional<boost::json::object> contact = std::nullopt;
    std::optional<std::string> language = std::nullopt;
    std::optional<Rsvp> rsvp = std::nullopt;
    // False: only an existing participant changes (a member unit answering its invitation may
    // not invite itself).
    bool may_create = true;
    Time at{};
};

enum class ParticipantOutcome {
    created,
    updated,
    unchanged,             // the change asked for what is stored already: updated_at stays
    no_instance,           // nothing written
    no_participant,        // may_create was false and there is none: nothing written
    idempotency_conflict,  // another request stored the key first: nothing written, replay its answer
};

struct ParticipantSaved {
    ParticipantOutcome outcome = ParticipantOutcome::created;
    std::optional<Participant> participant;  // as stored now, when there is one
};

// The answer an Idempotency-Key keeps for what a change came to, made by the caller (the
// store does not know the wire) and written in the change's own transaction; nothing: no key.
using ParticipantAnswer = std::function<std::optional<IdempotencyRecord>(const ParticipantSaved&)>;

// Only participants that match every filter given.
struct ParticipantFilter {
    std::optional<std::string> role = std::nullopt;
    std::optional<Rsvp> rsvp = std::nullopt;
};

// An instance's participants are listed in key order (kind, ref, role), people before units:
// an update never moves one, so pages stay put while their rsvp change.
struct ParticipantPage {
    std::vector<Participant> items;
    std::optional<ParticipantKey> next;  // the last of this page; nothing when it is the last page
};

// Instances a person or unit takes part in (GET /v1/instances?participant=unit:...), in any role.
struct ParticipantRef {
    ParticipantKind kind = ParticipantKind::person;
    std::string ref;

    bool operator==(const ParticipantRef&) const = default;
};

}  // namespace seminarflow
