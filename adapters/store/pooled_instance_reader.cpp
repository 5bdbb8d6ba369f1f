#include "adapters/store/pooled_instance_reader.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace seminarflow {

PooledInstanceReader::PooledInstanceReader(Store& store, boost::asio::thread_pool& threads)
    : store_(store), threads_(threads) {}

void PooledInstanceReader::find_instance(std::string id, OnFound done) {
    boost::asio::post(threads_, [&store = store_, id = std::move(id), done = std::move(done)] {
        done(store.find_instance(id));
    });
}

}  // namespace seminarflow
