// `seminarflow deliveries list|retry|replay`: what became of the notifications, and sending the
// failed and dead ones again, for operators at the server's console; /v1/deliveries does the
// same over HTTP, with the same checks (adapters/channels/endpoint_admin.hpp).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/channels/endpoint_admin.hpp"
#include "adapters/cli/commands.hpp"
#include "engine/ports/clock.hpp"

namespace seminarflow {
namespace {

std::string describe(const DeliveryRecord& record) {
    std::string line = record.id + "  " + std::string(to_string(record.status)) + "  " + record.type +
                       "  endpoint=" + record.endpoint_id + (record.recipient ? "  to=" + *record.recipient : "") +
                       "  tries=" + std::to_string(record.attempts) +
                       "  created=" + format_rfc3339(record.created_at);
    if (record.status == DeliveryStatus::pending) line += "  next=" + format_rfc3339(record.next_attempt_at);
    if (record.last_status_code) line += "  last_status=" + std::to_string(*record.last_status_code);
    if (record.last_error && !record.last_error->empty()) line += "  last_error=\"" + *record.last_error + "\"";
    return line;
}

// As the API: an --endpoint that does not exist is a mistake to point out, not an empty answer.
bool endpoint_known(Store& store, const std::string& id, std::string_view command) {
    auto endpoint = store.find_endpoint(id);
    if (endpoint && *endpoint) return true;
    spdlog::error("deliveries {}: --endpoint {}", command,
                  endpoint ? "there is no endpoint " + id + " (see `seminarflow endpoints list`)" : endpoint.error().message);
    return false;
}

struct ListRequest {
    std::optional<std::string> status = std::nullopt;
    std::optional<std::string> endpoint = std::nullopt;
    std::size_t limit = 50;
};

int run_list(const GlobalOptions& options, const ListRequest& request) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    DeliveryFilter filter{.status = std::nullopt, .endpoint_id = request.endpoint, .limit = request.limit};
    if (request.status) filter.status = parse_delivery_status(*request.status);  // CLI11 checked it
    auto store = open_migrated_store(*config);
    if (!store) return 1;
    if (request.endpoint && !endpoint_known(**store, *request.endpoint, "list")) return 1;
    auto records = (*store)->list_deliveries(filter);
    if (!records) {
        spdlog::error("deliveries list: {}", records.error().message);
        return 1;
    }
    for (const DeliveryRecord& record : *records) std::cout << describe(record) << '\n';
    if (records->empty()) std::cout << "no deliveries\n";
    return 0;
}

int run_retry(const GlobalOptions& options, const std::string& id) {
    auto store = open_command_store(options);
    if (!store) return 1;
    auto retried = (*store)->retry_delivery(id, SystemClock().now());
    if (!retried) {
        spdlog::error("deliveries retry: {}", retried.error().message);
        return 1;
    }
    if (!*retried) {
        spdlog::error("deliveries retry: {} is not a failed or dead delivery (see `seminarflow deliveries list`)", id);
        return 1;
    }
    std::cout << "delivery " << id << " will be sent again\n";
    return 0;
}

struct ReplayRequest {
    std::string since;
    std::optional<std::string> endpoint = std::nullopt;
};

int run_replay(const GlobalOptions& options, const ReplayRequest& request) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    const auto since = parse_replay_since(request.since);
    if (!since) {
        spdlog::error("deliveries replay: --since {}", since.error().message);
        return 1;
    }
    auto store = open_migrated_store(*config);
    if (!store) return 1;
    if (request.endpoint && !endpoint_known(**store, *request.endpoint, "replay")) return 1;
    auto replayed = (*store)->replay_deliveries(*since, SystemClock().now(), request.endpoint);
    if (!replayed) {
        spdlog::error("deliveries replay: {}", replayed.error().message);
        return 1;
    }
    std::cout << *replayed << " failed or dead deliveries since " << format_rfc3339(*since) << " will be sent again\n";
    return 0;
}

}  // namespace

void add_deliveries_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* deliveries = app.add_subcommand("deliveries", "see what became of notifications; send failed ones again");
    deliveries->require_subcommand(1);

    auto list_request = std::make_shared<ListRequest>();
    auto* list = deliveries->add_subcommand("list", "the latest deliveries, newest first");
    list->add_option("--status", list_request->status, "pending, delivered, failed or dead")
        ->check(CLI::IsMember({"pending", "delivered", "failed", "dead"}));
    list->add_option("--endpoint", list_request->endpoint, "only those to this endpoint");
    list->add_option("--limit", list_request->limit, "how many at most")->check(CLI::Range(1, 10'000))->capture_default_str();
    list->callback([&options, &exit_code, list_request] { exit_code = run_list(options, *list_request); });

    auto id = std::make_shared<std::string>();
    auto* retry = deliveries->add_subcommand("retry", "send a failed or dead delivery again, now");
    retry->add_option("ID", *id, "the delivery's id (its webhook-id)")->required();
    retry->callback([&options, &exit_code, id] { exit_code = run_retry(options, *id); });

    auto replay_request = std::make_shared<ReplayRequest>();
    auto* replay = deliveries->add_subcommand("replay", "send again every failed or dead delivery made since a time");
    replay->add_option("--since", replay_request->since, "an RFC 3339 time, e.g. 2026-11-30T08:00:00+07:00")->required();
    replay->add_option("--endpoint", replay_request->endpoint, "only those to this endpoint");
    replay->callback([&options, &exit_code, replay_request] { exit_code = run_replay(options, *replay_request); });
}

}  // namespace seminarflow
