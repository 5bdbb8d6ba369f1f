#pragma once
// InstanceReader over any Store: its blocking find_instance, run on the store's threads. What
// SQLite reads through (a read there is a call within the process, done in microseconds). The
// reads asked for while one thread is at them wait for that thread, which takes them all in turn:
// under load one hand-over to the threads serves many reads, not one each, and the answers come
// on that thread.
#include <memory>

#include "engine/ports/instance_reader.hpp"
#include "engine/ports/store.hpp"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

class PooledInstanceReader final : public InstanceReader {
public:
    // `store` and `threads` must outlive every read asked for. This object need not: a thread
    // that answered the last read may still be on its way out when it goes.
    PooledInstanceReader(Store& store, boost::asio::thread_pool& threads);

    void find_instance(std::string id, OnFound done) override;

private:
    struct Reads;  // the reads waiting, shared with the thread at them
    std::shared_ptr<Reads> reads_;
    boost::asio::thread_pool& threads_;
};

}  // namespace seminarflow
