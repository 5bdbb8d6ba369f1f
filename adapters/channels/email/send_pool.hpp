#pragma once
// A few threads for the blocking SMTP exchanges, so that they never run on the I/O threads. A
// job is told whether it runs: at shutdown the jobs still queued are called with `false`, so
// that each can still give its answer (a channel calls `done` exactly once).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace seminarflow::email {

class SendPool {
public:
    using Job = std::function<void(bool run)>;

    explicit SendPool(std::size_t threads);
    // Lets the running jobs finish, calls the queued ones with `false`, joins the threads.
    ~SendPool();
    SendPool(const SendPool&) = delete;
    SendPool& operator=(const SendPool&) = delete;

    void post(Job job);
    std::size_t threads() const { return threads_.size(); }  // jobs that can run at once

private:
    void work();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace seminarflow::email
