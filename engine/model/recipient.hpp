#pragma once
// Whom a delivery is for when its endpoint's channel addresses participants rather than a place:
// an email relay sends each participant its own message. The participant is copied into the
// delivery when the notification is fanned out, so that every retry goes to the same person, in
// the same language, whatever changes afterwards.
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/participant.hpp"

namespace seminarflow {

struct Recipient {
    ParticipantKey participant;
    std::string display_name;
    std::string address;   // the participant's contact for the channel: {"email": address}
    std::string language;  // of the templates it is sent in

    bool operator==(const Recipient&) const = default;
};

// The member of a participant's `contact` that a channel sends to, when the channel addresses
// participants ("email" for email); nothing for a channel that sends to its endpoint's URL only.
std::optional<std::string_view> participant_contact_for(std::string_view channel);

// What a notification reaches once per endpoint: the address, its ASCII letters in lower case
// (mailboxes are matched without case in practice), so that one person in two roles, or a unit
// whose address is its secretary's, gets one message.
std::string recipient_key(std::string_view address);

}  // namespace seminarflow
