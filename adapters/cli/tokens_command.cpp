// `seminarflow tokens create|list|revoke`: the API's bearer tokens, on the database the config
// names (the one serve uses). A token is printed once, on stdout and alone, by `create`, so that
// `TOKEN=$(seminarflow tokens create ...)` keeps it; nothing prints it, or its hash, again.
#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/token_admin.hpp"
#include "adapters/http/bearer_token.hpp"
#include "adapters/http/token_cache.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace seminarflow {
namespace {

std::string described(const ApiToken& token) { return "'" + token.name + "' (" + token.id + ")"; }

// How long a running server may still accept a token revoked now (its cache).
std::string revocation_delay() {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(http::TokenCacheOptions{}.ttl).count();
    return std::to_string(seconds) + " s";
}

}  // namespace

int run_tokens_create(const GlobalOptions& options, const TokenRequest& request) {
    if (auto problem = token_name_problem(request.name)) {
        std::cerr << "tokens create: " << *problem << '\n';
        return 1;
    }
    if (auto problem = token_units_problem(request.units)) {
        std::cerr << "tokens create: " << *problem << '\n';
        return 1;
    }
    const auto role = parse_api_role(request.role);
    if (!role) {
        std::cerr << "tokens create: there is no role '" << request.role << "'\n";
        return 1;
    }
    auto store = open_command_store(options);
    if (!store) return 1;

    const SystemClock clock;
    UuidV7Source ids(clock);
    std::string secret;
    try {
        secret = http::generate_token();
    } catch (const std::runtime_error& error) {
        std::cerr << "tokens create: " << error.what() << '\n';
        return 1;
    }
    const ApiToken token{.id = ids.next_id(), .name = request.name, .role = *role, .units = request.units,
                         .hash = http::token_hash(secret), .created_at = clock.now()};
    const auto created = (*store)->create_token(token);
    if (!created) {
        spdlog::error("tokens create: {}", created.error().message);
        return 1;
    }
    if (*created == TokenCreation::name_taken) {
        std::cerr << "tokens create: a token named '" << token.name << "' is in force already; revoke it first "
                  << "(`seminarflow tokens revoke NAME`) or choose another name\n";
        return 1;
    }
    std::cerr << "Created token " << described(token) << " with role " << role_name(token.role)
              << ". It is printed once, on standard output, and cannot be shown again: keep it secret,\n"
                 "and send it as `Authorization: Bearer <token>`.\n";
    std::cout << secret << std::endl;
    return 0;
}

int run_tokens_list(const GlobalOptions& options) {
    auto store = open_command_store(options);
    if (!store) return 1;
    const auto tokens = (*store)->list_tokens();
    if (!tokens) {
        spdlog::error("tokens list: {}", tokens.error().message);
        return 1;
    }
    if (tokens->empty()) {
        std::cout << "No tokens yet. Create the first with `seminarflow tokens create --role admin --name NAME`.\n";
        return 0;
    }
    std::cout << token_table(*tokens);
    return 0;
}

int run_tokens_revoke(const GlobalOptions& options, const std::string& name_or_id) {
    auto store = open_command_store(options);
    if (!store) return 1;
    const auto tokens = (*store)->list_tokens();
    if (!tokens) {
        spdlog::error("tokens revoke: {}", tokens.error().message);
        return 1;
    }
    const auto choice = choose_token(*tokens, name_or_id);
    if (!choice) {
        std::cerr << "tokens revoke: no token has the name or id '" << name_or_id
                  << "'; `seminarflow tokens list` shows them\n";
        return 1;
    }
    bool revoked_now = false;
    if (choice->in_force) {
        const auto revoked = (*store)->revoke_token(choice->token.id, SystemClock{}.now());
        if (!revoked) {
            spdlog::error("tokens revoke: {}", revoked.error().message);
            return 1;
        }
        revoked_now = *revoked;
    }
    if (!revoked_now) {
        // Revoked before (maybe a moment ago, by someone else): what was asked for holds.
        std::cout << "Token " << described(choice->token) << " was revoked already.\n";
        return 0;
    }
    std::cout << "Revoked token " << described(choice->token) << ". A running server refuses it within "
              << revocation_delay() << " (the time it trusts a token it checked).\n";
    return 0;
}

}  // namespace seminarflow
