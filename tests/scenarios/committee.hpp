#pragma once
// An organising committee at work, as the scenario tests replay a seed's story: the real server
// on port 0 over the database under test, spoken to only over HTTP with bearer tokens of the
// role each step needs; a clock the story moves forward, after which the engine's own work (the
// timers that came due, the signals children sent) is carried out at once, as the scheduler
// would; and a loopback webhook receiver, subscribed through the API, that the real dispatcher
// delivers the story's notifications to.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "adapters/channels/webhook/webhook_channel.hpp"
#include "engine/runtime/dispatcher.hpp"
#include "engine/runtime/work_runner.hpp"
#include "tests/channels/webhook_sink.hpp"
#include "tests/http/instance_api.hpp"

namespace seminarflow::testing {

// A notification as the webhook receiver got it: its template and the instance's data then.
struct Delivered {
    std::string type;
    boost::json::object data;
};

class Committee {
public:
    // The server over `url`, its clock at `start` (the story's first day).
    Committee(const DatabaseUrl& url, Time start);
    ~Committee();
    Committee(const Committee&) = delete;
    Committee& operator=(const Committee&) = delete;

    ApiClient as(Role role) { return ApiClient(*server_, role); }

    // An organiser opens an instance of `workflow` titled `title` (POST /v1/instances); its id.
    std::string open(const std::string& workflow, const std::string& title);

    // An admin registers the receiver for these templates (POST /v1/endpoints).
    void subscribe(const std::vector<std::string>& types);

    // Carries out every timer due and every signal waiting, until nothing is left.
    void settle();
    // The story moves on to `time` (RFC 3339); what came due meanwhile happens.
    void advance_to(const std::string& time);

    // GET /v1/instances/{id}: the instance as the API shows it.
    boost::json::object instance(const std::string& id);
    // GET /v1/instances/{id}/summary: what its tree counts up to.
    boost::json::object summary(const std::string& id);
    // The children of `parent` running `workflow`, in `state` (any, when empty).
    boost::json::array children(const std::string& parent, const std::string& workflow, const std::string& state = "");

    // How many participants of `role` the instance has, counted page by page as a client would.
    std::size_t participants(const std::string& id, const std::string& role);

    // What the receiver got, once it holds `count` notifications (waits at most 20 s for them).
    std::vector<Delivered> delivered(std::size_t count) const;

private:
    std::unique_ptr<TestServer> server_;
    test::WebhookSink sink_;
    std::unique_ptr<WorkRunner> runner_;
    std::unique_ptr<UuidV7Source> ids_;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ = boost::asio::make_work_guard(io_);
    boost::asio::thread_pool blocking_{2};
    std::unique_ptr<webhook::WebhookChannel> channel_;
    std::unique_ptr<DeliveryWork> work_;
    std::unique_ptr<Dispatcher> dispatcher_;
    std::thread io_thread_;
};

// How many of `delivered` are of `type`; and the units (data.unit) they name, in order.
std::size_t count_of(const std::vector<Delivered>& delivered, const std::string& type);
std::vector<std::string> units_of(const std::vector<Delivered>& delivered, const std::string& type);

}  // namespace seminarflow::testing
