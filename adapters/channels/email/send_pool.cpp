#include "adapters/channels/email/send_pool.hpp"

namespace seminarflow::email {

SendPool::SendPool(std::size_t threads) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) threads_.emplace_back([this] { work(); });
}

SendPool::~SendPool() {
    std::deque<Job> left;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        left.swap(queue_);
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) thread.join();
    for (Job& job : left) job(false);
}

void SendPool::post(Job job) {
    {
        const std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(std::move(job));
            job = nullptr;
        }
    }
    if (job) {
        job(false);
        return;
    }
    wake_.notify_one();
}

void SendPool::work() {
    while (true) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job(true);
    }
}

}  // namespace seminarflow::email
