#pragma once
// InstanceReader over any Store: its blocking find_instance, run on the store's threads. What
// SQLite reads through (a read there is a call within the process, done in microseconds); the
// answer comes on one of those threads.
#include "engine/ports/instance_reader.hpp"
#include "engine/ports/store.hpp"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

class PooledInstanceReader final : public InstanceReader {
public:
    // `store` and `threads` must outlive every read asked for.
    PooledInstanceReader(Store& store, boost::asio::thread_pool& threads);

    void find_instance(std::string id, OnFound done) override;

private:
    Store& store_;
    boost::asio::thread_pool& threads_;
};

}  // namespace seminarflow
