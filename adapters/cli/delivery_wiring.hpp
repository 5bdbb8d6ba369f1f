#pragma once
// The outbox dispatcher as `serve` runs it: the webhook and chat channels on the I/O loop, email
// on its own threads, the store's steps on the database threads, and a log line for every try
// that did not simply succeed.
#include <memory>
#include <string>

#include "adapters/cli/config.hpp"
#include "engine/messages/message_renderer.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/delivery_observer.hpp"
#include "engine/ports/id_source.hpp"
#include "engine/ports/store.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

class NodeDelivery {
public:
    // Nothing is sent before start(); with dispatcher.enabled false, start() does nothing.
    // `observer` (metrics) is told of every try recorded; `renderer` makes each email in its
    // recipient's language. Both must outlive this. `channels` says where the channels may connect
    // and which CAs the https ones trust; throws std::runtime_error if its CA file cannot be read.
    NodeDelivery(boost::asio::io_context& io, boost::asio::thread_pool& blocking, Store& store, const Clock& clock,
                 IdSource& ids, const DispatcherConfig& config, const ChannelsConfig& channels, std::string owner,
                 DeliveryObserver& observer, const MessageRenderer& renderer);
    ~NodeDelivery();
    NodeDelivery(const NodeDelivery&) = delete;
    NodeDelivery& operator=(const NodeDelivery&) = delete;

    void start();
    void stop();
    void wake();  // notifications were committed here

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
    bool enabled_;
};

}  // namespace seminarflow
