#include "adapters/store/instance_reader_choice.hpp"

#include "adapters/store/pooled_instance_reader.hpp"
#include "adapters/store/postgresql_instance_reader.hpp"

namespace seminarflow {

std::unique_ptr<InstanceReader> make_instance_reader(boost::asio::io_context& io, boost::asio::thread_pool& threads,
                                                     Store& store, const DatabaseUrl& url) {
    if (url.backend == DatabaseBackend::postgresql) return std::make_unique<PostgresqlInstanceReader>(io, threads, url);
    return std::make_unique<PooledInstanceReader>(store, threads);
}

}  // namespace seminarflow
