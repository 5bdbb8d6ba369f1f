#pragma once
// Where to reach a participant, a unit or a person: an object of channel -> address, every value
// a string ({"email": "...", "telegram": "@..."}). One shape for the instance's participants and
// for the organisation's directory, so that inviting a unit copies its contact as it is.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace seminarflow {

using Contact = boost::json::object;

// What is wrong with a contact, and where: `field` is "contact.email" and the like.
struct ContactProblem {
    std::string field;
    std::string message;
};

// The longest address a contact keeps (bytes).
constexpr std::size_t max_contact_bytes = 500;

// RFC 5322 atext, and a dot-atom made of it: what an address's local part is.
bool is_atext(char c);
bool is_dot_atom(std::string_view text);

// Whether `address` is a plain ASCII local@domain of at most 254 bytes: a dot-atom local part
// and a domain of letters, digits and hyphens with at least one dot. What the email channel can
// send to.
bool is_email_address(std::string_view address);

// Nothing if `contact` has the shape: non-empty channel names, string addresses of at most
// max_contact_bytes. With `check_addresses`, an "email" must also be an address.
std::optional<ContactProblem> contact_problem(const boost::json::object& contact, bool check_addresses);

}  // namespace seminarflow
