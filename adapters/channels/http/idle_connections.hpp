#pragma once
// The connections the HTTP client keeps open after an answer, by origin ("https://host:port"), to
// send the next request to the same receiver without connecting again: no resolve, no TCP
// handshake, no TLS handshake. Internal to http_client.cpp (it shows Beast).
//
// What is kept was connected to an address the address policy allowed and, over TLS, checked
// against the certificate of the host it is kept under: handing it out again for the same origin
// keeps both rules, since the policy and the origin are the same.
//
// A kept connection may have been closed by the receiver meanwhile (its own idle timeout):
// take() passes over any that has something to read, which on an idle HTTP/1.1 connection can only
// be its end (or data no request asked for). One closed between that look and the request is the
// client's to notice (http_client.cpp tries once more on a new connection). Connections idle
// longer than the limit are closed by drop_idle(), which the client calls on a timer while any
// are kept, so a receiver's socket is not held open for nothing.
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <boost/beast/core/stream_traits.hpp>

namespace seminarflow::channels {

template <class Stream>
class IdleConnections {
public:
    using Clock = std::chrono::steady_clock;

    IdleConnections(std::chrono::milliseconds idle_limit, std::size_t most_per_origin)
        : idle_limit_(idle_limit), most_per_origin_(most_per_origin) {}

    // The most recently kept connection to `origin` that is still open, or null.
    std::unique_ptr<Stream> take(const std::string& origin) {
        const std::lock_guard lock(mutex_);
        const auto found = kept_.find(origin);
        if (found == kept_.end()) return nullptr;
        std::vector<Kept>& connections = found->second;
        std::unique_ptr<Stream> taken;
        while (!taken && !connections.empty()) {
            Kept newest = std::move(connections.back());
            connections.pop_back();
            if (Clock::now() - newest.since < idle_limit_ && quiet(*newest.stream)) taken = std::move(newest.stream);
        }
        if (connections.empty()) kept_.erase(found);
        return taken;
    }

    // Keeps `stream` for the next request to `origin`; closes it instead when as many are kept.
    void keep(const std::string& origin, std::unique_ptr<Stream> stream) {
        const std::lock_guard lock(mutex_);
        std::vector<Kept>& connections = kept_[origin];
        if (connections.size() < most_per_origin_) connections.push_back(Kept{std::move(stream), Clock::now()});
    }

    // Closes the connections idle for longer than the limit; true while some are still kept.
    bool drop_idle() {
        const std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        for (auto origin = kept_.begin(); origin != kept_.end();) {
            std::erase_if(origin->second, [&](const Kept& kept) { return now - kept.since >= idle_limit_; });
            origin = origin->second.empty() ? kept_.erase(origin) : std::next(origin);
        }
        return !kept_.empty();
    }

    std::chrono::milliseconds idle_limit() const { return idle_limit_; }

private:
    struct Kept {
        std::unique_ptr<Stream> stream;
        Clock::time_point since;
    };

    // Nothing to read and no end: a look that never waits (the socket stays as it was).
    static bool quiet(Stream& stream) {
        char byte = 0;
        const auto handle = boost::beast::get_lowest_layer(stream).socket().native_handle();
        return ::recv(handle, &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }

    std::chrono::milliseconds idle_limit_;
    std::size_t most_per_origin_;
    std::mutex mutex_;
    std::map<std::string, std::vector<Kept>, std::less<>> kept_;
};

}  // namespace seminarflow::channels
