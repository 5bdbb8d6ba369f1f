#include "engine/model/recipient.hpp"

namespace seminarflow {

std::optional<std::string_view> participant_contact_for(std::string_view channel) {
    if (channel == "email") return std::string_view("email");
    return std::nullopt;
}

std::string recipient_key(std::string_view address) {
    std::string key(address);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

}  // namespace seminarflow
