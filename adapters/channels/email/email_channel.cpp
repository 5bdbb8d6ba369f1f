#include "adapters/channels/email/email_channel.hpp"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <mutex>

#include "adapters/channels/email/send_pool.hpp"
#include "adapters/channels/email/smtp_outcome.hpp"
#include "adapters/channels/email/smtp_target.hpp"

namespace seminarflow::email {
namespace {

// curl_global_init is not safe to call while other threads use libcurl: once, before any send.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
    std::string_view data;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& upload = *static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload.data.size());
    std::memcpy(buffer, upload.data.data(), n);
    upload.data.remove_prefix(n);
    return n;
}

// libcurl asks this for every socket it would connect: an address the policy refuses gets none,
// and libcurl goes on to the relay's next address, if any.
struct AddressGuard {
    const channels::AddressPolicy& policy;
    bool allowed_any = false;
    channels::RefusalReasons refused;
};

std::optional<channels::IpAddress> address_of(const curl_sockaddr& socket_address) {
    if (socket_address.family == AF_INET) {
        sockaddr_in in{};
        std::memcpy(&in, &socket_address.addr, sizeof in);
        std::array<std::uint8_t, 4> octets{};
        std::memcpy(octets.data(), &in.sin_addr, octets.size());
        return channels::IpAddress::from_v4(octets);
    }
    if (socket_address.family == AF_INET6) {
        sockaddr_in6 in6{};
        std::memcpy(&in6, &socket_address.addr, sizeof in6);
        std::array<std::uint8_t, 16> octets{};
        std::memcpy(octets.data(), &in6.sin6_addr, octets.size());
        return channels::IpAddress::from_v6(octets);
    }
    return std::nullopt;
}

curl_socket_t open_allowed_socket(void* data, curlsocktype purpose, curl_sockaddr* socket_address) {
    auto& guard = *static_cast<AddressGuard*>(data);
    if (purpose == CURLSOCKTYPE_IPCXN) {
        const auto address = address_of(*socket_address);
        const auto why = address ? guard.policy.refusal(*address) : std::optional<std::string>("not an IP address");
        if (why) {
            guard.refused.add(*why);
            return CURL_SOCKET_BAD;
        }
        guard.allowed_any = true;
    }
    return ::socket(socket_address->family, socket_address->socktype, socket_address->protocol);
}

struct Easy {
    CURL* handle = curl_easy_init();
    curl_slist* recipients = nullptr;
    ~Easy() {
        curl_slist_free_all(recipients);
        curl_easy_cleanup(handle);
    }
};

ChannelOutcome exchange(const SmtpTarget& target, const ComposedEmail& email, const EmailOptions& options) {
    Easy easy;
    if (easy.handle == nullptr) return ChannelOutcome::retryable(std::nullopt, "libcurl could not make a handle");
    CURL* curl = easy.handle;
    char error[CURL_ERROR_SIZE] = {};
    const std::string from = "<" + target.from.address + ">";
    easy.recipients = curl_slist_append(nullptr, ("<" + email.recipient + ">").c_str());
    Upload upload{email.data};
    curl_easy_setopt(curl, CURLOPT_URL, target.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // several threads: no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout.count()));
    AddressGuard guard{options.addresses, false, {}};
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_allowed_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &guard);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, target.tls == TlsMode::opportunistic ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    if (target.ca_file) curl_easy_setopt(curl, CURLOPT_CAINFO, target.ca_file->c_str());
    if (!target.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, target.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, target.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, easy.recipients);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(email.data.size()));
    const CURLcode code = curl_easy_perform(curl);
    // Every address refused: final, as for the HTTP channels (an operator must allow it).
    if (code == CURLE_COULDNT_CONNECT && !guard.allowed_any && !guard.refused.empty()) {
        return ChannelOutcome::final(std::nullopt,
                                     "refusing to connect to the relay " + target.host + ": " + guard.refused.with_remedy());
    }
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    return smtp_outcome(code, reply, error);
}

}  // namespace

struct EmailChannel::Impl {
    Impl(RenderMessage render_message, EmailOptions email_options)
        : render(std::move(render_message)), options(email_options), pool(options.threads) {}

    ChannelOutcome send(const DeliveryRequest& request) const {
        const Delivery& delivery = request.delivery;
        auto target = smtp_target(delivery.endpoint);
        if (!target) return ChannelOutcome::final(std::nullopt, "the email endpoint: " + target.error());
        if (!delivery.recipient) {
            return ChannelOutcome::final(std::nullopt, "an email delivery names no recipient");
        }
        auto text = render(delivery.notification, delivery.recipient->language);
        // seminarflow's own problem (a template), never held against the relay: not_sent.
        if (!text) return ChannelOutcome::not_sent(not_rendered(delivery.notification.template_name, text.error()));
        auto email = compose_email(delivery, target->from, *text, request.sent_at);
        if (!email) return ChannelOutcome::final(std::nullopt, email.error());
        return exchange(*target, *email, options);
    }

    RenderMessage render;
    EmailOptions options;
    SendPool pool;  // last: joined first, while the rest is still there
};

EmailChannel::EmailChannel(RenderMessage render, EmailOptions options) {
    init_curl_once();
    impl_ = std::make_unique<Impl>(std::move(render), options);
}

EmailChannel::~EmailChannel() = default;

std::optional<std::size_t> EmailChannel::capacity() const { return impl_->pool.threads(); }

void EmailChannel::send(DeliveryRequest request, Completion done) {
    const Impl* impl = impl_.get();
    impl_->pool.post([impl, request = std::move(request), done = std::move(done)](bool run) {
        if (!run) {
            done(ChannelOutcome::retryable(std::nullopt, "the node stopped before the message was sent"));
            return;
        }
        done(impl->send(request));
    });
}

}  // namespace seminarflow::email
