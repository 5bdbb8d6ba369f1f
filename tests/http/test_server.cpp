#include "tests/http/test_server.hpp"

#include <random>
#include <stdexcept>

#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_guards.hpp"

namespace seminarflow::testing {

TestServer::TestServer(Options options) {
    folder_ = std::filesystem::temp_directory_path() / ("seminarflow-http-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder_);
    auto store = SociStore::open("sqlite://" + (folder_ / "test.db").string());
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(store).value();
    if (options.migrate && !store_->migrate()) throw std::runtime_error("migration failed");

    const std::filesystem::path source = SEMINARFLOW_SOURCE_DIR;
    auto loaded = load_definition_set(source / "config" / "templates", source / "workflows", standard_named_guards());
    if (!loaded) throw std::runtime_error("the shipped templates or workflows do not load");
    catalogue_ = std::make_unique<Catalogue>(std::move(loaded->catalogue));
    context_ = std::make_unique<http::ApiContext>(http::ApiContext{*catalogue_, *store_, "test"});
    router_ = http::make_api_router(*context_);

    http::ServerOptions server_options;
    server_options.max_body_bytes = options.max_body_bytes;
    server_options.request_timeout = options.request_timeout;
    server_ = std::make_unique<http::Server>(io_, blocking_, router_, server_options);
    port_ = server_->start();
    runner_ = std::thread([this] { io_.run(); });
}

TestServer::~TestServer() {
    server_->stop();
    io_.stop();
    runner_.join();
    blocking_.join();
    server_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

}  // namespace seminarflow::testing
