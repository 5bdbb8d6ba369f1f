#include "engine/runtime/instance_lanes.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace seminarflow {

void run_lanes(std::size_t lane_count, std::size_t parallelism, const std::function<void(std::size_t)>& run_lane) {
    const std::size_t workers = std::clamp<std::size_t>(parallelism, 1, std::max<std::size_t>(lane_count, 1));
    if (workers == 1) {
        for (std::size_t lane = 0; lane < lane_count; ++lane) run_lane(lane);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::mutex failed_mutex;
    std::exception_ptr failed;
    // After a lane threw, the others stop taking lanes: the round is lost to a bug anyway.
    std::atomic<bool> stop{false};
    const auto work = [&] {
        try {
            for (std::size_t lane = next++; lane < lane_count && !stop; lane = next++) run_lane(lane);
        } catch (...) {
            stop = true;
            const std::lock_guard lock(failed_mutex);
            if (!failed) failed = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> threads;
        threads.reserve(workers - 1);
        for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
        work();
    }  // joined here
    if (failed) std::rethrow_exception(failed);
}

}  // namespace seminarflow
