#pragma once
// Carrying out claimed work for many instances at once, and each instance's in order.
//
// A round of the WorkRunner claims timers (and signals) for many instances. Fired one after the
// other, each waits for its own commit, so the store's group commit never has two to share a
// flush with. Fired all at once, two timers of one instance would race: the later one could
// take effect first (an `overdue` before the `remind` due three days earlier), and both would
// fight over the instance's version. So the claimed items are split into lanes, one per
// instance, each keeping the claim's (due) order; lanes run side by side on a few threads, and a
// lane's items one after the other.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace seminarflow {

// The positions of `items`, grouped by `instance_of(item)`: one lane per instance, lanes in the
// order of their first item, each lane in the items' order.
template <class Item, class InstanceOf>
std::vector<std::vector<std::size_t>> lanes_by_instance(const std::vector<Item>& items, InstanceOf instance_of) {
    std::vector<std::vector<std::size_t>> lanes;
    std::unordered_map<std::string_view, std::size_t> lane_of;
    lane_of.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& instance = instance_of(items[i]);
        auto [found, added] = lane_of.try_emplace(instance, lanes.size());
        if (added) lanes.emplace_back();
        lanes[found->second].push_back(i);
    }
    return lanes;
}

// Runs lanes at most `parallelism` at once: on the calling thread and on threads of its own (up to
// parallelism - 1, or parallelism while the caller does something alongside), started when a run
// first needs them and kept until it is destroyed (a round every few milliseconds would otherwise
// start and stop them as often). One run at a time.
class LanePool {
public:
    explicit LanePool(std::size_t parallelism) : parallelism_(parallelism == 0 ? 1 : parallelism) {}
    ~LanePool();
    LanePool(const LanePool&) = delete;
    LanePool& operator=(const LanePool&) = delete;

    // Calls run_lane(0) ... run_lane(lane_count - 1), each on whichever thread is free first, and
    // returns when every lane has run. `alongside`, if given, runs on the calling thread first,
    // while up to `parallelism` lanes run on the pool's threads; then the caller takes lanes too.
    // An exception from a lane or from `alongside` (a bug: expected failures are values) stops
    // the lanes not yet started and is rethrown here once no thread is in a lane.
    void run(std::size_t lane_count, const std::function<void(std::size_t)>& run_lane,
             const std::function<void()>& alongside = nullptr);
    std::size_t parallelism() const { return parallelism_; }
    // Threads started so far (the caller's own not counted): as many as the busiest run needed.
    std::size_t threads() {
        const std::lock_guard lock(mutex_);
        return threads_.size();
    }

private:
    struct Job {
        const std::function<void(std::size_t)>* run_lane = nullptr;
        std::size_t lane_count = 0;
    };
    void work();
    void take_lanes(const Job& job);
    void record_failure();

    std::size_t parallelism_;
    std::mutex mutex_;
    std::condition_variable posted_;  // workers wait here for a job (or the end)
    std::condition_variable left_;    // run() waits here for the workers to leave its job
    Job job_;                         // empty between runs: a late worker cannot enter one that ended
    std::size_t generation_ = 0;      // one per run, so that a worker enters each job once
    std::size_t in_job_ = 0;          // workers inside the current job
    std::size_t next_lane_ = 0;
    bool failed_ = false;
    std::exception_ptr failure_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace seminarflow
