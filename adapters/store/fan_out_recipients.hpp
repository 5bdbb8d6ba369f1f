#pragma once
// Who, among an instance's participants, a notification reaches through a channel that addresses
// participants (email): those in its audience with an address for the channel, once per address.
// Internal to adapters/store (it shows SOCI).
#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "engine/model/recipient.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

// The instance's participants in key order (people before units; refs and roles byte by byte, the
// same on both backends), as the store has them now.
Result<std::vector<Participant>, StoreError> participants_of(soci::session& session, const std::string& instance_id);

// Pure: the participants whose role is in `audience` (empty: every role) and whose contact has a
// non-empty string under `contact`, in the order given; a second participant with an address
// already taken (the same person in another role) is passed over.
std::vector<Recipient> choose_recipients(const std::vector<Participant>& participants,
                                         const std::vector<std::string>& audience, std::string_view contact);

}  // namespace seminarflow
