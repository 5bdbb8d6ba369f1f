#include "engine/model/contact.hpp"

#include <algorithm>

namespace seminarflow {
namespace {

// Dot-separated runs of characters `allowed` accepts, none empty.
template <class Allowed>
bool dotted(std::string_view text, Allowed allowed) {
    if (text.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [&](char c) { return c == '.' || allowed(c); });
}

bool is_domain_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool is_atext(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view text) { return dotted(text, is_atext); }

bool is_email_address(std::string_view address) {
    if (address.size() > 254) return false;  // RFC 5321's path limit, as the email channel holds it
    const std::size_t at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    if (local.size() > 64 || domain.size() > 253 || domain.find('.') == std::string_view::npos) return false;
    if (domain.starts_with('-') || domain.ends_with('-') || domain.find("-.") != std::string_view::npos ||
        domain.find(".-") != std::string_view::npos) {
        return false;
    }
    return is_dot_atom(local) && dotted(domain, is_domain_label_char);
}

std::optional<ContactProblem> contact_problem(const boost::json::object& contact, bool check_addresses) {
    for (const auto& [channel, address] : contact) {
        const std::string field = "contact." + std::string(channel);
        if (!address.is_string()) return ContactProblem{field, "'" + field + "' must be a string"};
        const std::string_view text = address.get_string();
        if (channel.empty() || text.size() > max_contact_bytes) {
            return ContactProblem{field, "a contact is a non-empty channel name and an address of at most " +
                                             std::to_string(max_contact_bytes) + " bytes"};
        }
        if (check_addresses && channel == "email" && !is_email_address(text)) {
            return ContactProblem{field, "'" + std::string(text.substr(0, 100)) +
                                             "' is not an email address (local@domain, in ASCII)"};
        }
    }
    return std::nullopt;
}

}  // namespace seminarflow
