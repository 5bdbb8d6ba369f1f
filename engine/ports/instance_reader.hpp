#pragma once
// Reading one instance as the API shows it (Store::find_instance) without blocking the caller:
// the answer comes later, through a callback. What GET /v1/instances/{id} asks for, at many
// thousands a second, so that an I/O thread can hand the read over and go on serving.
//
// On PostgreSQL the adapter waits on libpq's socket on the I/O loop and reads every instance
// asked for meanwhile with one statement (postgresql_instance_reader.hpp); elsewhere it runs the
// store's blocking call on the store's threads (pooled_instance_reader.hpp). Either way the
// answer is what a read of the committed rows gives at that moment, as find_instance's is.
#include <functional>
#include <optional>
#include <string>

#include "engine/model/instance.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

class InstanceReader {
public:
    using Found = Result<std::optional<Instance>, StoreError>;
    using OnFound = std::function<void(Found)>;

    virtual ~InstanceReader() = default;
    // Looks up the instance `id`; calls `done` exactly once, with it, with nothing if there is
    // no such instance, or with why the store cannot say. Never blocks; `done` may be called on
    // another thread, or before this returns, and must not block either.
    virtual void find_instance(std::string id, OnFound done) = 0;
};

}  // namespace seminarflow
