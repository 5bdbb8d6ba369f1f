#pragma once
// Mailboxes: an address with an optional display name, checked before it goes near a header or
// an SMTP command (an address with a CR, LF, space or angle bracket could forge either), and
// written as From/To want them (RFC 5322 section 3.4, the name as RFC 2047 encoded-words). Pure.
#include <string>
#include <string_view>

#include "adapters/channels/email/header_encoding.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::email {

struct Mailbox {
    std::string display_name;  // UTF-8; may be empty
    std::string address;       // local@domain, ASCII

    std::string domain() const { return address.substr(address.rfind('@') + 1); }
};

// Whether `address` is a plain ASCII addr-spec: dot-atom local part, '@', a domain of letters,
// digits, hyphens and dots (or a [literal]). Quoted local parts and internationalised addresses
// (SMTPUTF8) are refused: a relay need not take them.
Result<std::string, std::string> check_address(std::string_view address);

// "Name <local@domain>" or "local@domain", as an operator writes the sender (--from).
Result<Mailbox, std::string> parse_mailbox(std::string_view text);

// Appends the mailbox to an address field: the name quoted or encoded, then <address>.
void add_mailbox(HeaderField& field, const Mailbox& mailbox);

}  // namespace seminarflow::email
