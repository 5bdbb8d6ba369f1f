// The `seminarflow` command: parses the command line (CLI11) and hands over to a subcommand.
#include <CLI/CLI.hpp>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "seminarflow/version.hpp"

int main(int argc, char** argv) {
    using namespace seminarflow;
    CLI::App app{"seminarflow: durable workflows for seminars, round-tables, contests and rewards", "seminarflow"};
    app.require_subcommand(1);
    // Global options may also follow the subcommand: `seminarflow serve --config FILE`.
    app.fallthrough();

    GlobalOptions options;
    app.add_option("--config", options.config_file, "YAML configuration file (default: the embedded config/seminarflow.yaml)")
        ->check(CLI::ExistingFile);
    app.add_option("--log-format", options.log_format, "log as text or as JSON lines")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

    int exit_code = 0;
    auto* serve = app.add_subcommand("serve", "run the server: HTTP API, timers and notifications");
    serve->callback([&] { exit_code = run_serve(options); });

    auto* migrate = app.add_subcommand("migrate", "bring the database schema up to date, then exit");
    migrate->callback([&] { exit_code = run_migrate(options); });

    add_endpoints_command(app, options, exit_code);
    add_deliveries_command(app, options, exit_code);
    add_directory_command(app, options, exit_code);
    add_demo_command(app, options, exit_code);

    auto* workflows = app.add_subcommand("workflows", "check and draw workflow definitions");
    workflows->require_subcommand(1);
    std::optional<std::filesystem::path> validate_dir;
    auto* validate = workflows->add_subcommand("validate", "load every definition in DIR and report what is wrong");
    validate->add_option("DIR", validate_dir, "folder of *.yaml definitions (default: workflows.dir of the config)")
        ->check(CLI::ExistingDirectory);
    validate->callback([&] { exit_code = run_workflows_validate(options, validate_dir); });

    std::string draw_name, draw_format = "mermaid", draw_highlight;
    std::optional<std::filesystem::path> draw_dir;
    auto* draw = workflows->add_subcommand("draw", "print a definition as a Mermaid or Graphviz DOT diagram");
    draw->add_option("NAME", draw_name, "workflow name, e.g. seminar")->required();
    draw->add_option("--format", draw_format, "mermaid or dot")->check(CLI::IsMember({"mermaid", "dot"}))->capture_default_str();
    draw->add_option("--highlight", draw_highlight, "a state to highlight");
    draw->add_option("--dir", draw_dir, "folder of definitions (default: workflows.dir of the config)")
        ->check(CLI::ExistingDirectory);
    draw->callback([&] { exit_code = run_workflows_draw(options, draw_dir, draw_name, draw_format, draw_highlight); });

    auto* tokens = app.add_subcommand("tokens", "make, list and revoke the API's bearer tokens");
    tokens->require_subcommand(1);
    TokenRequest token_request;
    auto* create = tokens->add_subcommand("create", "make a token and print it, once");
    create->add_option("--role", token_request.role, "what it may do: admin, organiser, member, reviewer or viewer")
        ->required()
        ->check(CLI::IsMember({"admin", "organiser", "member", "reviewer", "viewer"}));
    create->add_option("--name", token_request.name, "who or what holds it, e.g. \"reminder bot\"")->required();
    create->add_option("--unit", token_request.units, "a member unit it acts for (repeat for several)");
    create->callback([&] { exit_code = run_tokens_create(options, token_request); });
    tokens->add_subcommand("list", "show every token (never the token itself)")->callback([&] {
        exit_code = run_tokens_list(options);
    });
    std::string revoke_target;
    auto* revoke = tokens->add_subcommand("revoke", "revoke a token, by name or id");
    revoke->add_option("NAME-or-ID", revoke_target, "the token's name, or its id from `tokens list`")->required();
    revoke->callback([&] { exit_code = run_tokens_revoke(options, revoke_target); });

    auto* version = app.add_subcommand("version", "print the version");
    version->callback([] { std::cout << "seminarflow " << version_text << '\n'; });

    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
