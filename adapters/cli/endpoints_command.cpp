// `seminarflow endpoints add|list|remove|enable|disable|rotate-secret`: where notifications are
// sent, for operators at the server's console; /v1/endpoints does the same over HTTP, with the
// same checks (adapters/channels/endpoint_admin.hpp).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/channels/endpoint_admin.hpp"
#include "adapters/cli/password_source.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace seminarflow {
namespace {

// The option an EndpointRefusal's field was given as.
std::string option_of(const std::string& field) {
    if (field == "url") return "the URL";
    if (field == "types") return "--type";
    if (field == "password") return "--password-file or --password-env";
    std::string option = "--" + field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

// One line per endpoint for `endpoints list`: never its secrets, only how many it has, and a chat
// endpoint's URL only as far as its host (the rest is the platform's credential).
std::string describe_endpoint(const Endpoint& endpoint) {
    std::string line = endpoint.id + "  " + (endpoint.enabled ? "enabled " : "disabled") + "  " + endpoint.channel +
                       "  " + endpoint.shown_url();
    std::string types;
    for (const auto& type : endpoint.event_types) types += (types.empty() ? "" : ",") + type;
    line += "  types=" + (types.empty() ? std::string("*") : types);
    line += "  max_in_flight=" + std::to_string(endpoint.max_in_flight);
    if (endpoint.rate_limit) line += "  rate_limit=" + std::to_string(*endpoint.rate_limit) + "/s";
    if (endpoint.retry_schedule) {
        std::string delays;
        for (const Duration delay : *endpoint.retry_schedule) delays += (delays.empty() ? "" : ",") + format_duration(delay);
        line += "  retry_schedule=" + delays;
    }
    for (const auto& [name, value] : endpoint.settings) line += "  " + name + "=" + value;
    if (endpoint.channel == "webhook" || endpoint.channel == "email") {
        line += "  secrets=" + std::to_string(endpoint.secrets.size());
    } else {
        line += "  language=" + endpoint.language;
    }
    if (endpoint.chat_id) line += "  chat_id=" + *endpoint.chat_id;
    if (!endpoint.description.empty()) line += "  \"" + endpoint.description + "\"";
    if (endpoint.disabled_reason) line += "  (disabled: " + *endpoint.disabled_reason + ")";
    if (endpoint.failing_since) line += "  failing_since=" + format_rfc3339(*endpoint.failing_since);
    return line;
}

int run_endpoints_add(const GlobalOptions& options, EndpointRequest request, const PasswordSource& password) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    auto read = read_password(password, [](const char* name) { return std::getenv(name); });
    if (!read) {
        spdlog::error("endpoints add: {}", read.error());
        return 1;
    }
    request.password = std::move(read).value();
    const SystemClock clock;
    UuidV7Source ids(clock);
    auto endpoint = make_endpoint(request, clock.now(), ids, config->channels.addresses);
    if (!endpoint) {
        spdlog::error("endpoints add: {}: {}", option_of(endpoint.error().field), endpoint.error().message);
        return 1;
    }
    auto store = open_migrated_store(*config);
    if (!store) return 1;
    if (auto added = (*store)->add_endpoint(*endpoint); !added) {
        spdlog::error("endpoints add: {}", added.error().message);
        return 1;
    }
    std::cout << "endpoint " << endpoint->id << " added\n";
    // A webhook's secret is shown this once and never again: the receiver needs it to verify. An
    // email relay's password came from the operator, and is never shown back.
    if (endpoint->channel == "webhook") {
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

int run_endpoints_rotate(const GlobalOptions& options, const std::string& id, const std::optional<std::string>& secret) {
    auto store = open_command_store(options);
    if (!store) return 1;
    auto endpoint = (*store)->find_endpoint(id);
    if (!endpoint) {
        spdlog::error("endpoints rotate-secret: {}", endpoint.error().message);
        return 1;
    }
    if (!*endpoint) {
        spdlog::error("endpoints rotate-secret: there is no endpoint {} (see `seminarflow endpoints list`)", id);
        return 1;
    }
    auto secrets = rotated_secrets(**endpoint, secret);
    if (!secrets) {
        spdlog::error("endpoints rotate-secret: {}: {}", option_of(secrets.error().field), secrets.error().message);
        return 1;
    }
    auto changed = (*store)->set_endpoint_secrets(id, *secrets, SystemClock().now());
    if (!changed || !*changed) {
        spdlog::error("endpoints rotate-secret: {}", changed ? "the endpoint was removed meanwhile" : changed.error().message);
        return 1;
    }
    std::cout << "endpoint " << id << " signs with a new secret, and with the previous one until the next rotation\n"
              << "signing secret (shown once, give it to the receiver): " << secrets->front() << '\n';
    return 0;
}

}  // namespace

void add_endpoints_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* endpoints = app.add_subcommand("endpoints", "add, list, remove, enable and disable where notifications go "
                                                      "(webhooks, chats, an email relay), and rotate webhook secrets");
    endpoints->require_subcommand(1);

    // Owned by the subcommand's callback, which runs after parsing, while the app lives.
    auto request = std::make_shared<EndpointRequest>();
    auto password = std::make_shared<PasswordSource>();
    auto* add = endpoints->add_subcommand(
        "add", "add an endpoint (a webhook's signing secret is printed, once)");
    add->add_option("--url,URL", request->url,
                    "where to POST, e.g. https://hooks.example.org/seminarflow, a chat platform's incoming "
                    "webhook URL, or https://api.telegram.org/bot<token>/sendMessage; for email the relay, "
                    "smtp://[user@]host:port or smtps://[user@]host:port. Loopback, private and link-local "
                    "addresses are refused unless channels.allow_cidrs allows them")
        ->required();
    add->add_option("--channel", request->channel, "how to send: " + channel_names())->capture_default_str();
    add->add_option("--language", request->language, "the language chat messages are written in: vi or en")
        ->capture_default_str();
    add->add_option("--chat-id", request->chat_id, "telegram: the chat messages go to (a number, or @channelusername)");
    add->add_option("--from", request->from, "email: the sender, \"Name <local@domain>\"");
    add->add_option("--tls", request->tls, "email, smtp://: required (the default: STARTTLS or nothing) or opportunistic");
    add->add_option("--ca-file", request->ca_file, "email: a PEM file of the CAs to trust for the relay");
    add->add_option("--password-file", password->file, "email: a file whose first line is the relay's password");
    add->add_option("--password-env", password->variable, "email: an environment variable holding the relay's password");
    add->add_option("--type", request->types, "a notification type it receives, e.g. seminar.planned (repeat; default: all)");
    add->add_option("--description", request->description, "what it is, for operators");
    add->add_option("--secret", request->secret, "its signing secret, whsec_ + base64 (default: a new one)");
    add->add_option("--retry-schedule", request->retry_schedule, "delays between tries, e.g. 5s,1m,10m (default: 5s ... 10h)");
    add->add_option("--max-in-flight", request->max_in_flight, "sends to it at once, over all nodes")->capture_default_str();
    add->add_option("--rate-limit", request->rate_limit, "sends started per second at most, per node");
    add->callback([&options, &exit_code, request, password] {
        exit_code = run_endpoints_add(options, *request, *password);
    });

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

    auto secret = std::make_shared<std::optional<std::string>>();
    auto* rotate = endpoints->add_subcommand("rotate-secret", "sign with a new secret (and the previous one, until the next rotation)");
    rotate->add_option("ID", *id, "the endpoint's id")->required();
    rotate->add_option("--secret", *secret, "the new secret, whsec_ + base64 (default: a new one)");
    rotate->callback([&options, &exit_code, id, secret] { exit_code = run_endpoints_rotate(options, *id, *secret); });
}

}  // namespace seminarflow
