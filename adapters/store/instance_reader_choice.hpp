#pragma once
// Which InstanceReader a node reads the API's instances through, by database: on PostgreSQL a
// connection of its own that the I/O loop waits on (postgresql_instance_reader.hpp), which reads
// the instances asked for meanwhile in one statement; on SQLite, where a read is a call within
// the process, the store's own call on `threads` (pooled_instance_reader.hpp).
#include <memory>

#include "adapters/store/database_url.hpp"
#include "engine/ports/instance_reader.hpp"
#include "engine/ports/store.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

// `store` is the one opened on `url`; it, `io` and `threads` must outlive the reader.
std::unique_ptr<InstanceReader> make_instance_reader(boost::asio::io_context& io, boost::asio::thread_pool& threads,
                                                     Store& store, const DatabaseUrl& url);

}  // namespace seminarflow
