#include "adapters/store/pooled_instance_reader.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace seminarflow {

PooledInstanceReader::PooledInstanceReader(Store& store, boost::asio::thread_pool& threads)
    : store_(store), threads_(threads) {}

void PooledInstanceReader::find_instance(std::string id, OnFound done) {
    {
        const std::scoped_lock lock(mutex_);
        waiting_.push_back(Waiting{std::move(id), std::move(done)});
        if (reading_) return;
        reading_ = true;
    }
    boost::asio::post(threads_, [this] { read_while_asked(); });
}

void PooledInstanceReader::read_while_asked() {
    for (;;) {
        std::deque<Waiting> batch;
        {
            const std::scoped_lock lock(mutex_);
            if (waiting_.empty()) {
                reading_ = false;
                return;
            }
            batch.swap(waiting_);
        }
        for (Waiting& asked : batch) asked.done(store_.find_instance(asked.id));
    }
}

}  // namespace seminarflow
