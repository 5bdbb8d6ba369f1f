#include "engine/runtime/instance_lanes.hpp"

#include <algorithm>

namespace seminarflow {

LanePool::~LanePool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    posted_.notify_all();
    for (auto& thread : threads_) thread.join();
}

void LanePool::run(std::size_t lane_count, const std::function<void(std::size_t)>& run_lane,
                   const std::function<void()>& alongside) {
    if (parallelism_ == 1 || lane_count == 0 || (lane_count == 1 && !alongside)) {
        if (alongside) alongside();
        for (std::size_t lane = 0; lane < lane_count; ++lane) run_lane(lane);
        return;
    }
    const Job job{&run_lane, lane_count};
    // The caller runs lanes too, once done with `alongside`: as many workers as there are other
    // lanes, at most parallelism - 1; while the caller is busy alongside, up to parallelism.
    const std::size_t helpers = std::min(parallelism_, lane_count) - (alongside ? 0 : 1);
    {
        const std::lock_guard lock(mutex_);
        while (threads_.size() < helpers) threads_.emplace_back([this] { work(); });
        job_ = job;
        ++generation_;
        next_lane_ = 0;
        failed_ = false;
        failure_ = nullptr;
    }
    // Only as many as can take a lane: a round of three timers wakes two workers, not all of them.
    // (A worker woken by chance finds no lane left and waits again.)
    for (std::size_t i = 0; i < helpers; ++i) posted_.notify_one();
    if (alongside) {
        try {
            alongside();
        } catch (...) {
            record_failure();
        }
    }
    take_lanes(job);
    std::unique_lock lock(mutex_);
    job_ = Job{};  // every lane is taken: no worker enters any more
    left_.wait(lock, [this] { return in_job_ == 0; });
    if (failure_) std::rethrow_exception(failure_);
}

void LanePool::work() {
    std::size_t seen = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
        posted_.wait(lock, [&] { return stopping_ || (job_.run_lane && generation_ != seen); });
        if (stopping_) return;
        seen = generation_;
        const Job job = job_;
        ++in_job_;
        lock.unlock();
        take_lanes(job);
        lock.lock();
        if (--in_job_ == 0) left_.notify_all();
    }
}

void LanePool::take_lanes(const Job& job) {
    for (;;) {
        std::size_t lane = 0;
        {
            const std::lock_guard lock(mutex_);
            if (failed_ || next_lane_ >= job.lane_count) return;
            lane = next_lane_++;
        }
        try {
            (*job.run_lane)(lane);
        } catch (...) {
            record_failure();
            return;
        }
    }
}

// Called from a catch block: keeps the first exception, and no lane starts after it.
void LanePool::record_failure() {
    const std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
    failed_ = true;
}

}  // namespace seminarflow
