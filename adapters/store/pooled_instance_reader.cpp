#include "adapters/store/pooled_instance_reader.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <deque>
#include <mutex>

namespace seminarflow {

struct PooledInstanceReader::Reads {
    struct Waiting {
        std::string id;
        OnFound done;
    };

    explicit Reads(Store& to_read) : store(to_read) {}

    // Keeps the read; true if no thread is at the reads, so that the caller sends one.
    bool ask(Waiting asked) {
        const std::scoped_lock lock(mutex);
        waiting.push_back(std::move(asked));
        if (reading) return false;
        reading = true;
        return true;
    }

    // On a thread of the pool: the reads waiting, in turn, until none is.
    void read_while_asked() {
        for (;;) {
            std::deque<Waiting> batch;
            {
                const std::scoped_lock lock(mutex);
                if (waiting.empty()) {
                    reading = false;
                    return;
                }
                batch.swap(waiting);
            }
            for (Waiting& asked : batch) asked.done(store.find_instance(asked.id));
        }
    }

    Store& store;
    std::mutex mutex;
    std::deque<Waiting> waiting;  // under mutex
    bool reading = false;         // under mutex: a thread is in read_while_asked()
};

PooledInstanceReader::PooledInstanceReader(Store& store, boost::asio::thread_pool& threads)
    : reads_(std::make_shared<Reads>(store)), threads_(threads) {}

void PooledInstanceReader::find_instance(std::string id, OnFound done) {
    if (!reads_->ask(Reads::Waiting{std::move(id), std::move(done)})) return;
    boost::asio::post(threads_, [reads = reads_] { reads->read_while_asked(); });
}

}  // namespace seminarflow
