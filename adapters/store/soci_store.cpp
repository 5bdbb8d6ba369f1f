#include "adapters/store/soci_store.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

#include <soci/connection-pool.h>
#include <soci/soci.h>

#include "adapters/store/connection.hpp"
#include "adapters/store/migrator.hpp"

namespace seminarflow {
namespace {

std::vector<Migration> compiled_in_migrations(DatabaseBackend backend) {
    auto migrations = builtin_migrations(backend);
    if (!migrations) {
        throw std::logic_error("the migrations compiled into this binary are broken: " + migrations.error().message);
    }
    return std::move(migrations).value();
}

// SOCI opens every connection error with this sentence; ours already says as much.
std::string connection_error(std::string_view message) {
    constexpr std::string_view prefix = "Cannot establish connection to the database.";
    if (message.starts_with(prefix)) message.remove_prefix(prefix.size());
    return one_line(message);
}

}  // namespace

struct SociStore::Impl {
    Impl(DatabaseUrl url, SociStoreOptions options, std::vector<Migration> migrations)
        : url_(std::move(url)),
          options_(options),
          migrations_(std::move(migrations)),
          pool_(options_.pool_size),
          opened_(options_.pool_size, 0) {}

    // Runs `work` on a pooled connection, opened first if it is not. Its refusals and SOCI's
    // exceptions come back as values that say what was tried, on which database (password
    // redacted), and why.
    template <class T, class Work>
    Result<T, StoreError> with_connection(std::string_view what, Work&& work);

    DatabaseUrl url_;
    SociStoreOptions options_;
    std::vector<Migration> migrations_;
    soci::connection_pool pool_;
    // Per pool slot: its session is open and set up. Only the slot's current holder touches its
    // element, and char (not vector<bool>, whose elements share bytes) keeps that race-free.
    std::vector<char> opened_;
};

template <class T, class Work>
Result<T, StoreError> SociStore::Impl::with_connection(std::string_view what, Work&& work) {
    const auto failure = [&](std::string detail) {
        return fail(StoreError{std::string(what) + " on " + url_.redacted() + ": " + detail});
    };
    std::size_t slot = 0;
    const auto wait_ms = static_cast<int>(std::min<long long>(options_.lease_timeout.count(), INT_MAX));
    if (!pool_.try_lease(slot, wait_ms)) {
        return failure("all " + std::to_string(options_.pool_size) + " connections stayed busy for " +
                       std::to_string(wait_ms) + " ms");
    }
    struct Lease {
        soci::connection_pool& pool;
        std::size_t slot;
        ~Lease() { pool.give_back(slot); }
    } lease{pool_, slot};
    soci::session& session = pool_.at(slot);

    if (opened_[slot] == 0) {
        try {
            session.close();  // what a failed set-up left half open
            open_connection(session, url_, ConnectionSettings{options_.busy_timeout});
            opened_[slot] = 1;
        } catch (const soci::soci_error& error) {
            return failure("cannot connect: " + connection_error(error.what()));
        }
    }
    try {
        Result<T, StoreError> result = work(session);
        if (!result) return failure(std::move(result).error().message);
        return result;
    } catch (const soci::soci_error& error) {
        // A dropped connection fails every later call too: open it again next time.
        if (!session.is_connected()) {
            session.close();
            opened_[slot] = 0;
        }
        return failure(one_line(error.what()));
    }
}

SociStore::SociStore(DatabaseUrl url, SociStoreOptions options)
    : SociStore(url, options, compiled_in_migrations(url.backend)) {}

SociStore::SociStore(DatabaseUrl url, SociStoreOptions options, std::vector<Migration> migrations) {
    if (options.pool_size == 0) throw std::invalid_argument("a SociStore needs at least one connection");
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
