#include "engine/model/participant.hpp"

#include <array>

namespace seminarflow {
namespace {

constexpr std::array<std::string_view, 2> kind_names{"person", "unit"};
constexpr std::array<std::string_view, 4> rsvp_names{"needs_action", "accepted", "declined", "tentative"};

template <class Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

}  // namespace

std::string_view participant_kind_name(ParticipantKind kind) { return kind_names[static_cast<std::size_t>(kind)]; }

std::optional<ParticipantKind> parse_participant_kind(std::string_view name) {
    return parse_name<ParticipantKind>(kind_names, name);
}

std::string_view rsvp_name(Rsvp rsvp) { return rsvp_names[static_cast<std::size_t>(rsvp)]; }

std::optional<Rsvp> parse_rsvp(std::string_view name) { return parse_name<Rsvp>(rsvp_names, name); }

}  // namespace seminarflow
