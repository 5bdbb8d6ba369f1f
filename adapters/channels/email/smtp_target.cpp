#include "adapters/channels/email/smtp_target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace seminarflow::email {
namespace {

Result<TlsMode, std::string> tls_mode(const Endpoint& endpoint, bool implicit) {
    const auto found = endpoint.settings.find("tls");
    if (implicit) {
        if (found != endpoint.settings.end() && found->second != "implicit") {
            return fail(std::string("an smtps:// relay is spoken to in TLS from the start: leave tls out"));
        }
        return TlsMode::implicit;
    }
    if (found == endpoint.settings.end() || found->second == "required") return TlsMode::required;
    if (found->second == "opportunistic") return TlsMode::opportunistic;
    return fail("tls '" + found->second + "': write required (the default) or opportunistic");
}

}  // namespace

Result<SmtpTarget, std::string> smtp_target(const Endpoint& endpoint) {
    const auto parsed = boost::urls::parse_uri(endpoint.url);
    if (!parsed) return fail("'" + endpoint.url + "' is not an absolute URL: write smtp://host:port or smtps://host:port");
    const boost::urls::url_view view = *parsed;
    if (view.scheme() != "smtp" && view.scheme() != "smtps") {
        return fail("'" + std::string(view.scheme()) + "' URLs are not SMTP relays: use smtp:// or smtps://");
    }
    if (view.encoded_host().empty()) return fail(std::string("the URL names no host"));
    if (view.has_password()) {
        return fail(std::string("the URL may name the user, never the password: give it with --password-file or --password-env"));
    }
    if (!(view.encoded_path().empty() || view.encoded_path() == "/") || view.has_query() || view.has_fragment()) {
        return fail(std::string("an SMTP relay's URL is scheme://[user@]host[:port], with no path, query or fragment"));
    }
    for (const auto& [name, value] : endpoint.settings) {
        if (name != "from" && name != "tls" && name != "ca_file") {
            return fail("unknown email setting '" + name + "' (from, tls and ca_file are known)");
        }
    }
    SmtpTarget target;
    const bool implicit = view.scheme() == "smtps";
    target.url = std::string(view.scheme()) + "://" + std::string(view.encoded_host_and_port());
    target.host = view.host_type() == boost::urls::host_type::ipv6 ? std::string(view.host_address())
                                                                   : std::string(view.encoded_host());
    if (view.has_userinfo()) target.username = std::string(view.user());
    if (!endpoint.secrets.empty()) target.password = endpoint.secrets.front();
    auto tls = tls_mode(endpoint, implicit);
    if (!tls) return fail(std::move(tls).error());
    target.tls = *tls;
    // Opportunistic TLS goes on in clear when STARTTLS is missing, or stripped on the way: AUTH
    // would then send the password as plain text.
    if (target.tls == TlsMode::opportunistic && !target.username.empty()) {
        return fail(std::string("tls opportunistic with a user would send the password in clear to a relay that "
                                "offers no STARTTLS: keep tls required, or use smtps://"));
    }
    const auto from = endpoint.settings.find("from");
    if (from == endpoint.settings.end()) return fail(std::string("an email endpoint needs a sender: --from \"Name <local@domain>\""));
    auto sender = parse_mailbox(from->second);
    if (!sender) return fail("the sender: " + sender.error());
    target.from = std::move(sender).value();
    if (const auto ca = endpoint.settings.find("ca_file"); ca != endpoint.settings.end()) target.ca_file = ca->second;
    return target;
}

}  // namespace seminarflow::email
