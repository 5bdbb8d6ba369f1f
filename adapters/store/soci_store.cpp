#include "adapters/store/soci_store.hpp"

#include <stdexcept>

#include <soci/soci.h>

#include "adapters/store/migrator.hpp"
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

std::vector<Migration> compiled_in_migrations(DatabaseBackend backend) {
    auto migrations = builtin_migrations(backend);
    if (!migrations) {
        throw std::logic_error("the migrations compiled into this binary are broken: " + migrations.error().message);
    }
    return std::move(migrations).value();
}

}  // namespace

SociStore::SociStore(DatabaseUrl url, SociStoreOptions options)
    : SociStore(url, options, compiled_in_migrations(url.backend)) {}

SociStore::SociStore(DatabaseUrl url, SociStoreOptions options, std::vector<Migration> migrations) {
    if (options.pool_size == 0) throw std::invalid_argument("a SociStore needs at least one connection");
    if (options.max_batch == 0) throw std::invalid_argument("a SociStore's commit batches hold at least one commit");
    impl_ = std::make_unique<Impl>(std::move(url), options, std::move(migrations));
}

SociStore::~SociStore() = default;

Result<std::unique_ptr<SociStore>, StoreError> SociStore::open(std::string_view url, SociStoreOptions options) {
    auto parsed = parse_database_url(url);
    if (!parsed) return fail(std::move(parsed).error());
    return std::make_unique<SociStore>(std::move(parsed).value(), options);
}

Result<MigrationReport, StoreError> SociStore::migrate() {
    return impl_->with_connection<MigrationReport>("migrate", [this](soci::session& session) {
        return run_migrations(session, impl_->url_.backend, impl_->migrations_);
    });
}

Result<SchemaStatus, StoreError> SociStore::schema_status() {
    return impl_->with_connection<SchemaStatus>(
        "schema_status", [this](soci::session& session) -> Result<SchemaStatus, StoreError> {
            const std::vector<AppliedMigration> applied = read_applied_migrations(session, impl_->url_.backend);
            SchemaStatus status;
            status.current_version = applied.empty() ? 0 : applied.back().version;
            status.latest_version = impl_->migrations_.empty() ? 0 : impl_->migrations_.back().version;
            return status;
        });
}

Result<bool, StoreError> SociStore::ping() {
    return impl_->with_connection<bool>("ping", [](soci::session& session) -> Result<bool, StoreError> {
        int one = 0;
        session << "SELECT 1", soci::into(one);
        return one == 1;
    });
}

const DatabaseUrl& SociStore::url() const {
    return impl_->url_;
}

}  // namespace seminarflow
