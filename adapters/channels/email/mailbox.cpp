#include "adapters/channels/email/mailbox.hpp"

#include <cctype>

#include "engine/model/contact.hpp"

namespace seminarflow::email {
namespace {

bool domain_name(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        for (const char c : text.substr(1, text.size() - 2)) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':')) return false;
        }
        return true;
    }
    if (text.empty() || text.front() == '.' || text.back() == '.' || text.front() == '-') return false;
    char previous = 0;
    for (const char c : text) {
        if (c == '.' && previous == '.') return false;
        if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.')) return false;
        previous = c;
    }
    return true;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// A name of atext and spaces only may stand bare; other ASCII goes in a quoted-string.
std::string quoted_name(std::string_view name) {
    bool bare = true;
    for (const char c : name) bare = bare && (is_atext(c) || c == ' ');
    if (bare) return std::string(name);
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace

Result<std::string, std::string> check_address(std::string_view address) {
    const std::size_t at = address.rfind('@');
    if (address.empty()) return fail(std::string("an email address is empty"));
    if (address.size() > 254) return fail("'" + std::string(address.substr(0, 60)) + "...' is longer than an email address can be");
    if (at == std::string_view::npos) return fail("'" + std::string(address) + "' is not an email address (no @)");
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    if (local.size() > 64 || !is_dot_atom(local) || !domain_name(domain)) {
        return fail("'" + std::string(address) +
                    "' is not an email address this server sends to (letters, digits and !#$%&'*+-/=?^_`{|}~. before"
                    " the @, a domain after it)");
    }
    return std::string(address);
}

Result<Mailbox, std::string> parse_mailbox(std::string_view text) {
    text = trim(text);
    const std::size_t open = text.rfind('<');
    if (open == std::string_view::npos) {
        auto address = check_address(text);
        if (!address) return fail(std::move(address).error());
        return Mailbox{"", std::move(address).value()};
    }
    if (text.back() != '>') return fail("'" + std::string(text) + "': write a sender as Name <local@domain>");
    std::string_view name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    for (const char c : name) {
        if (c == '\r' || c == '\n' || c == '"' || c == '\\' || c == '<' || c == '>') {
            return fail("'" + std::string(text) + "': a sender's name may not hold line breaks, quotes, \\ or <>");
        }
    }
    auto address = check_address(text.substr(open + 1, text.size() - open - 2));
    if (!address) return fail(std::move(address).error());
    return Mailbox{std::string(name), std::move(address).value()};
}

void add_mailbox(HeaderField& field, const Mailbox& mailbox) {
    if (!mailbox.display_name.empty()) {
        const std::string quoted = quoted_name(mailbox.display_name);
        // A quoted name too long for a folded line goes as encoded-words, which can be cut.
        if (plain_text(mailbox.display_name) && quoted.size() <= max_line - 1) {
            field.add(quoted);
        } else {
            for (const std::string& word : encoded_words(mailbox.display_name, field.room())) field.add(word);
        }
    }
    field.add("<" + mailbox.address + ">");
}

}  // namespace seminarflow::email
