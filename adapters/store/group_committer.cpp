#include "adapters/store/group_committer.hpp"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace seminarflow {

GroupCommitter::GroupCommitter(BatchRunner run, std::size_t max_batch, std::size_t hold_first_batch_until)
    : run_(std::move(run)), max_batch_(max_batch), hold_first_batch_until_(hold_first_batch_until) {
    if (max_batch_ == 0) throw std::invalid_argument("a group commit batch holds at least one commit");
}

Result<CommitStatus, StoreError> GroupCommitter::commit(const Commit& commit) {
    Waiter self;
    self.queued.commit = &commit;
    std::unique_lock lock(mutex_);
    queue_.push_back(&self);
    if (hold_first_batch_until_ > 0) queued_.notify_one();
    while (!self.answered) {
        if (!leading_) {
            // Nobody runs a batch: lead one (it may not hold our own commit if more than
            // max_batch are queued before us; then we wait for the next lead, or take it).
            lead(lock);
            continue;
        }
        self.wake.wait(lock);
    }
    return std::move(*self.queued.answer);
}

void GroupCommitter::lead(std::unique_lock<std::mutex>& lock) {
    leading_ = true;
    if (hold_first_batch_until_ > 0) {
        // Arrivals notify while the hold is set; it is cleared once the batch is taken.
        queued_.wait_for(lock, std::chrono::seconds(10), [&] { return queue_.size() >= hold_first_batch_until_; });
        hold_first_batch_until_ = 0;
    }
    std::vector<Waiter*> batch;
    std::vector<QueuedCommit*> commits;
    while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        commits.push_back(&queue_.front()->queued);
        queue_.pop_front();
    }

    // The database work runs unlocked: meanwhile the next batch queues up.
    lock.unlock();
    try {
        run_(commits);
    } catch (const std::exception& error) {
        // The runner answers its database's errors itself; this is what escaped it (memory).
        for (QueuedCommit* queued : commits) {
            if (!queued->answer) queued->answer = fail(StoreError{std::string("commit: ") + error.what()});
        }
    }
    lock.lock();

    leading_ = false;
    for (Waiter* waiter : batch) {
        if (!waiter->queued.answer) waiter->queued.answer = fail(StoreError{"commit: the batch left it unanswered"});
        waiter->answered = true;
        waiter->wake.notify_one();
    }
    // The next leader: the oldest caller still queued. Woken under the lock, so it cannot miss it.
    if (!queue_.empty()) queue_.front()->wake.notify_one();
}

}  // namespace seminarflow
