#include "tests/http/test_server.hpp"

#include <random>
#include <stdexcept>

#include "adapters/http/bearer_token.hpp"
#include "adapters/store/instance_reader_choice.hpp"
#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"
#include "engine/runtime/definition_records.hpp"

namespace seminarflow::testing {
namespace {

// The database the test names, else a SQLite file in `folder`.
DatabaseUrl database_url(const std::optional<DatabaseUrl>& database, const std::filesystem::path& folder) {
    if (database) return *database;
    auto url = parse_database_url("sqlite://" + (folder / "test.db").string());
    if (!url) throw std::runtime_error(url.error().message);
    return std::move(url).value();
}

}  // namespace

TestServer::TestServer(Options options) : clock_(options.start) {
    folder_ = std::filesystem::temp_directory_path() / ("seminarflow-http-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder_);
    const DatabaseUrl url = database_url(options.database, folder_);
    store_ = std::make_unique<SociStore>(url);

    const std::filesystem::path source = SEMINARFLOW_SOURCE_DIR;
    auto loaded = load_definition_set(source / "config" / "templates", source / "workflows", standard_named_code());
    if (!loaded) throw std::runtime_error("the shipped templates or workflows do not load");
    catalogue_ = std::make_unique<Catalogue>(std::move(loaded->catalogue));
    if (options.migrate) {
        if (auto migrated = store_->migrate(); !migrated) throw std::runtime_error(migrated.error().message);
        // Instances reference the definitions they run: serve saves them at start, and so do we.
        if (auto saved = store_->save_definitions(definition_records(*catalogue_)); !saved) {
            throw std::runtime_error(saved.error().message);
        }
    }
    ids_ = std::make_unique<UuidV7Source>(clock_);
    runtime_ = std::make_unique<Runtime>(*catalogue_, *store_, clock_, *ids_);
    runtime_->observe_with(engine_metrics_);
    authenticator_ = std::make_unique<http::TokenAuthenticator>(*store_, clock_, options.tokens);
    instances_ = make_instance_reader(io_, reads_, *store_, url);
    context_ = std::make_unique<http::ApiContext>(
        http::ApiContext{*catalogue_, *store_, *runtime_, "test", authenticator_->resolver()});
    context_->instances = instances_.get();
    context_->actor_at_once = authenticator_->resolver_at_once();
    context_->metrics = &metrics_;
    context_->clock = &clock_;
    context_->addresses = options.addresses;
    router_ = http::make_api_router(*context_);

    http::ServerOptions server_options;
    server_options.max_body_bytes = options.max_body_bytes;
    server_options.request_timeout = options.request_timeout;
    server_options.access_log = options.access_log;
    server_options.on_request = http_metrics_.observer();
    server_ = std::make_unique<http::Server>(io_, http::BlockingPools{reads_, commits_}, router_, server_options);
    port_ = server_->start();
    runner_ = std::thread([this] { io_.run(); });
}

const std::string& TestServer::token(Role role) {
    auto found = tokens_.find(role);
    if (found == tokens_.end()) {
        const std::string secret = http::generate_token();
        const ApiToken token{.id = ids_->next_id(), .name = "test-" + std::string(role_name(role)), .role = role,
                             .hash = http::token_hash(secret), .created_at = clock_.now()};
        const auto created = store_->create_token(token);
        if (!created || *created != TokenCreation::created) throw std::runtime_error("the test token was not made");
        found = tokens_.emplace(role, std::pair{secret, token.id}).first;
    }
    return found->second.first;
}

const std::string& TestServer::token_id(Role role) {
    token(role);
    return tokens_.at(role).second;
}

std::vector<std::pair<std::string, std::string>> TestServer::authorization(Role role) {
    return {{"Authorization", "Bearer " + token(role)}};
}

TestServer::~TestServer() {
    server_->stop();
    io_.stop();
    runner_.join();
    reads_.join();
    commits_.join();
    server_.reset();
    instances_.reset();
    runtime_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

}  // namespace seminarflow::testing
