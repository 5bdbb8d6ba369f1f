// `seminarflow endpoints add|list|remove`: where notifications are sent, for operators, until the
// HTTP API has /v1/endpoints.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/endpoint_admin.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace seminarflow {
namespace {

int run_endpoints_add(const GlobalOptions& options, const EndpointRequest& request) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    const SystemClock clock;
    UuidV7Source ids(clock);
    auto endpoint = make_endpoint(request, clock.now(), ids);
    if (!endpoint) {
        spdlog::error("endpoints add: {}", endpoint.error());
        return 1;
    }
    auto store = open_migrated_store(*config);
    if (!store) return 1;
    if (auto added = (*store)->add_endpoint(*endpoint); !added) {
        spdlog::error("endpoints add: {}", added.error().message);
        return 1;
    }
    std::cout << "endpoint " << endpoint->id << " added\n";
    // The secret is shown this once and never again: the receiver needs it to verify.
    if (!endpoint->secrets.empty()) {
        std::cout << "signing secret (shown once, give it to the receiver): " << endpoint->secrets.front() << '\n';
    }
    return 0;
}

int run_endpoints_list(const GlobalOptions& options) {
    auto store = open_command_store(options);
    if (!store) return 1;
    auto endpoints = (*store)->list_endpoints();
    if (!endpoints) {
        spdlog::error("endpoints list: {}", endpoints.error().message);
        return 1;
    }
    for (const Endpoint& endpoint : *endpoints) std::cout << describe_endpoint(endpoint) << '\n';
    if (endpoints->empty()) std::cout << "no endpoints: add one with `seminarflow endpoints add --url URL`\n";
    return 0;
}

int run_endpoints_remove(const GlobalOptions& options, const std::string& id) {
    auto store = open_command_store(options);
    if (!store) return 1;
    auto removed = (*store)->remove_endpoint(id);
    if (!removed) {
        spdlog::error("endpoints remove: {}", removed.error().message);
        return 1;
    }
    if (!*removed) {
        spdlog::error("endpoints remove: there is no endpoint {} (see `seminarflow endpoints list`)", id);
        return 1;
    }
    std::cout << "endpoint " << id << " removed, with its deliveries\n";
    return 0;
}

int run_endpoints_set_status(const GlobalOptions& options, const std::string& id,
                             const std::optional<std::string>& disabled_reason) {
    auto store = open_command_store(options);
    if (!store) return 1;
    const SystemClock clock;
    auto changed = (*store)->set_endpoint_status(id, disabled_reason, clock.now());
    if (!changed) {
        spdlog::error("endpoints: {}", changed.error().message);
        return 1;
    }
    if (!*changed) {
        spdlog::error("endpoints: there is no endpoint {} (see `seminarflow endpoints list`)", id);
        return 1;
    }
    std::cout << "endpoint " << id << (disabled_reason ? " disabled: its deliveries wait\n" : " enabled\n");
    return 0;
}

}  // namespace

void add_endpoints_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* endpoints = app.add_subcommand("endpoints",
                                         "add, list, remove, enable and disable the webhooks and chats notifications go to");
    endpoints->require_subcommand(1);

    // Owned by the subcommand's callback, which runs after parsing, while the app lives.
    auto request = std::make_shared<EndpointRequest>();
    auto* add = endpoints->add_subcommand(
        "add", "add an endpoint (a webhook's signing secret is printed, once)");
    add->add_option("--url,URL", request->url,
                    "where to POST, e.g. http://hooks.example.org/seminarflow, a chat platform's incoming "
                    "webhook URL, or Telegram's https://api.telegram.org/bot<token>/sendMessage")
        ->required();
    add->add_option("--channel", request->channel, "how to send: " + channel_names())->capture_default_str();
    add->add_option("--language", request->language, "the language chat messages are written in: vi or en")
        ->capture_default_str();
    add->add_option("--chat-id", request->chat_id, "telegram: the chat messages go to (a number, or @channelusername)");
    add->add_option("--type", request->types, "a notification type it receives, e.g. seminar.planned (repeat; default: all)");
    add->add_option("--description", request->description, "what it is, for operators");
    add->add_option("--secret", request->secret, "its signing secret, whsec_ + base64 (default: a new one)");
    add->add_option("--retry-schedule", request->retry_schedule, "delays between tries, e.g. 5s,1m,10m (default: 5s ... 10h)");
    add->add_option("--max-in-flight", request->max_in_flight, "sends to it at once, over all nodes")->capture_default_str();
    add->add_option("--rate-limit", request->rate_limit, "sends started per second at most, per node");
    add->callback([&options, &exit_code, request] { exit_code = run_endpoints_add(options, *request); });

    endpoints->add_subcommand("list", "show every endpoint (never its secrets)")->callback([&options, &exit_code] {
        exit_code = run_endpoints_list(options);
    });

    auto id = std::make_shared<std::string>();
    auto* remove = endpoints->add_subcommand("remove", "remove an endpoint and its deliveries");
    remove->add_option("ID", *id, "the endpoint's id, from `endpoints list`")->required();
    remove->callback([&options, &exit_code, id] { exit_code = run_endpoints_remove(options, *id); });

    auto* enable = endpoints->add_subcommand("enable", "send to an endpoint again (after a 410, or an operator's stop)");
    enable->add_option("ID", *id, "the endpoint's id")->required();
    enable->callback([&options, &exit_code, id] { exit_code = run_endpoints_set_status(options, *id, std::nullopt); });
    auto reason = std::make_shared<std::string>("disabled by an operator");
    auto* disable = endpoints->add_subcommand("disable", "stop sending to an endpoint; its deliveries wait");
    disable->add_option("ID", *id, "the endpoint's id")->required();
    disable->add_option("--reason", *reason, "why, for the other operators")->capture_default_str();
    disable->callback([&options, &exit_code, id, reason] { exit_code = run_endpoints_set_status(options, *id, *reason); });
}

}  // namespace seminarflow
