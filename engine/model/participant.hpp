#pragma once
// Who takes part in an instance, and in which role: a person, or a member unit that answers as
// a whole. The role names the audience a workflow's `notify: {to: [...]}` addresses (chair,
// guest, contributor ...); one person or unit may hold several roles, each its own participant.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/time.hpp"

namespace seminarflow {

enum class ParticipantKind { person, unit };

// iCalendar's PARTSTAT (RFC 5545), so that a calendar export says it as it is.
enum class Rsvp { needs_action, accepted, declined, tentative };

std::string_view participant_kind_name(ParticipantKind kind);
std::optional<ParticipantKind> parse_participant_kind(std::string_view name);
std::string_view rsvp_name(Rsvp rsvp);
std::optional<Rsvp> parse_rsvp(std::string_view name);

// What tells one participant of an instance from another.
struct ParticipantKey {
    ParticipantKind kind = ParticipantKind::person;
    std::string ref;   // the person's or unit's id in the organisation's directory
    std::string role;

    bool operator==(const ParticipantKey&) const = default;
};

struct Participant {
    std::string instance_id;
    ParticipantKey key;
    std::string display_name = {};
    boost::json::object contact = {};  // channel -> address, every value a string: {"email": "..."}
    std::string language = "vi";  // of the templates this participant is sent
    Rsvp rsvp = Rsvp::needs_action;
    Time created_at{};
    Time updated_at{};
};

}  // namespace seminarflow
