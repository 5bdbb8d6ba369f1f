#include "tests/scenarios/committee.hpp"

#include <boost/json/parse.hpp>

#include <stdexcept>

#include "tests/channels/loopback.hpp"

namespace seminarflow::testing {
namespace {

const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

TestServer::Options options_for(const DatabaseUrl& url, Time start) {
    TestServer::Options options = on(url);
    options.start = start;
    // The receiver is on loopback, which an operator allows as channels.allow_cidrs does.
    options.addresses = test::loopback_allowed();
    return options;
}

}  // namespace

Committee::Committee(const DatabaseUrl& url, Time start)
    : server_(std::make_unique<TestServer>(options_for(url, start))), sink_({secret}) {
    // One instance at a time: the story's firings come in due order, as it tells them.
    runner_ = std::make_unique<WorkRunner>(server_->runtime(), server_->store(), server_->clock(),
                                           WorkOptions{.owner = "scenario", .parallelism = 1});
    ids_ = std::make_unique<UuidV7Source>(server_->clock());
    webhook::WebhookOptions webhook_options;
    webhook_options.addresses = test::loopback_allowed();
    channel_ = std::make_unique<webhook::WebhookChannel>(io_, server_->clock(), webhook_options);
    // The story's clock dates the deliveries, so they are due as soon as they are made. It jumps
    // by days: a send still in flight when it does must not look abandoned and go out twice, so
    // a claim outlasts the whole story.
    work_ = std::make_unique<DeliveryWork>(server_->store(), server_->clock(), *ids_,
                                           DeliveryOptions{.owner = "scenario", .lease = std::chrono::hours(24 * 3650)},
                                           [] { return 0.5; });
    dispatcher_ = std::make_unique<Dispatcher>(io_, blocking_, *work_, Channels{{"webhook", channel_.get()}},
                                               DispatcherOptions{.poll_interval = std::chrono::milliseconds(20)});
    dispatcher_->start();
    io_thread_ = std::thread([this] { io_.run(); });
}

Committee::~Committee() {
    dispatcher_->stop();
    guard_.reset();
    io_.stop();
    io_thread_.join();
    blocking_.join();
}

void Committee::subscribe(const std::vector<std::string>& types) {
    const boost::json::object body{{"url", sink_.url("/ok/committee")},
                                   {"types", boost::json::array(types.begin(), types.end())},
                                   {"secret", secret},
                                   {"description", "Ban tổ chức"}};
    const auto added = as(Role::admin).post("/v1/endpoints", body);
    INFO(added.body);
    REQUIRE(added.status == 201);
}

std::string Committee::open(const std::string& workflow, const std::string& title) {
    const auto created = as(Role::organiser).post(
        "/v1/instances", boost::json::object{{"workflow", workflow}, {"data", {{"title", title}}}});
    INFO(created.body);
    REQUIRE(created.status == 201);
    return std::string(json_of(created).at("instance").at("id").as_string());
}

void Committee::settle() {
    for (int round = 0; round < 100; ++round) {
        const auto report = runner_->run_once();
        REQUIRE(report.ok());
        CHECK(report->failures.empty());
        if (report->handled() == 0 && report->drained) return;
    }
    FAIL("the engine's work did not settle in 100 rounds");
}

void Committee::advance_to(const std::string& time) {
    const auto parsed = parse_rfc3339(time);
    REQUIRE(parsed);
    REQUIRE(*parsed >= server_->clock().now());
    server_->clock().set(*parsed);
    settle();
}

boost::json::object Committee::instance(const std::string& id) {
    const auto got = as(Role::viewer).get("/v1/instances/" + id);
    INFO(got.body);
    REQUIRE(got.status == 200);
    return json_of(got);
}

boost::json::object Committee::summary(const std::string& id) {
    const auto got = as(Role::viewer).get("/v1/instances/" + id + "/summary");
    INFO(got.body);
    REQUIRE(got.status == 200);
    return json_of(got);
}

boost::json::array Committee::children(const std::string& parent, const std::string& workflow,
                                       const std::string& state) {
    std::string target = "/v1/instances?limit=100&parent=" + parent + "&workflow=" + workflow;
    if (!state.empty()) target += "&state=" + state;
    const auto listed = as(Role::viewer).get(target);
    INFO(listed.body);
    REQUIRE(listed.status == 200);
    return json_of(listed).at("items").as_array();
}

std::size_t Committee::participants(const std::string& id, const std::string& role) {
    std::size_t count = 0;
    std::string cursor;
    do {
        std::string target = "/v1/instances/" + id + "/participants?limit=50&role=" + role;
        if (!cursor.empty()) target += "&cursor=" + cursor;
        const auto listed = as(Role::viewer).get(target);
        INFO(listed.body);
        REQUIRE(listed.status == 200);
        const auto page = json_of(listed);
        count += page.at("items").as_array().size();
        const auto& next = page.at("next_cursor");
        cursor = next.is_string() ? std::string(next.as_string()) : std::string();
    } while (!cursor.empty());
    return count;
}

std::vector<Delivered> Committee::delivered(std::size_t count) const {
    const auto received = sink_.wait_for(count);
    std::vector<Delivered> delivered;
    for (const auto& request : received) {
        CHECK(request.at("signed_by") == 0);  // every one signed with the endpoint's secret
        const auto event = boost::json::parse(request.at("body").as_string()).as_object();
        const auto& data = event.at("data").as_object();
        delivered.push_back({std::string(event.at("type").as_string()), data.at("data").as_object()});
    }
    return delivered;
}

std::size_t count_of(const std::vector<Delivered>& delivered, const std::string& type) {
    std::size_t count = 0;
    for (const auto& one : delivered) count += one.type == type ? 1 : 0;
    return count;
}

std::vector<std::string> units_of(const std::vector<Delivered>& delivered, const std::string& type) {
    std::vector<std::string> units;
    for (const auto& one : delivered) {
        if (one.type == type) units.emplace_back(one.data.at("unit").as_string());
    }
    return units;
}

}  // namespace seminarflow::testing
