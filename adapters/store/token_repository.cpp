// SociStore: the API's bearer tokens, kept as their hashes (engine/ports/api_tokens.hpp).
#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/statement_cache.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

// The columns of a token as SELECTs read them, in this order.
std::string token_columns(DatabaseBackend backend) {
    return "id, name, role, " + select_json("units") + ", token_hash, " + select_time(backend, "created_at") + ", " +
           select_time(backend, "last_used_at") + ", " + select_time(backend, "revoked_at");
}

// A row of api_tokens as SOCI fills it, and the statement that fills it.
struct TokenRow {
    std::string id, name, role, units, hash, created_at, last_used_at, revoked_at;
    soci::indicator last_used_indicator = soci::i_null;
    soci::indicator revoked_indicator = soci::i_null;

    Result<ApiToken, StoreError> read() const {
        auto parsed_role = read_role(role, "token role");
        auto parsed_units = read_strings(units, "token units");
        auto created = read_time(created_at, "token created_at");
        if (!parsed_role) return fail(std::move(parsed_role).error());
        if (!parsed_units) return fail(std::move(parsed_units).error());
        if (!created) return fail(std::move(created).error());
        ApiToken token{.id = id, .name = name, .role = *parsed_role, .units = std::move(parsed_units).value(),
                       .hash = hash, .created_at = *created};
        if (last_used_indicator == soci::i_ok) {
            auto used = read_time(last_used_at, "token last_used_at");
            if (!used) return fail(std::move(used).error());
            token.last_used_at = *used;
        }
        if (revoked_indicator == soci::i_ok) {
            auto revoked = read_time(revoked_at, "token revoked_at");
            if (!revoked) return fail(std::move(revoked).error());
            token.revoked_at = *revoked;
        }
        return token;
    }
};

// Binds `row` to the columns token_columns() selects.
soci::details::prepare_temp_type into_row(soci::details::prepare_temp_type statement, TokenRow& row) {
    statement, soci::into(row.id), soci::into(row.name), soci::into(row.role), soci::into(row.units),
        soci::into(row.hash), soci::into(row.created_at), soci::into(row.last_used_at, row.last_used_indicator),
        soci::into(row.revoked_at, row.revoked_indicator);
    return statement;
}

// Kept prepared on its connection: a cache miss of the API's token cache asks it.
struct SelectTokenByHash : StatementCache::Entry {
    std::string hash;  // the one asked for
    TokenRow row;
    soci::statement statement;
    SelectTokenByHash(soci::session& session, DatabaseBackend backend)
        : statement((into_row(session.prepare << "SELECT " + token_columns(backend) +
                                                     " FROM api_tokens WHERE token_hash = :hash",
                              row),
                     soci::use(hash))) {}
};

}  // namespace

Result<TokenCreation, StoreError> SociStore::create_token(const ApiToken& token) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<TokenCreation>(
        "create_token", [&](soci::session& session) -> Result<TokenCreation, StoreError> {
            Transaction transaction(session, backend);
            const std::string role(role_name(token.role));
            const std::string units = json_column(token.units);
            const std::string created_at = time_column(token.created_at);
            // DO NOTHING rather than catch the unique violation: PostgreSQL would abort the
            // transaction, and the drivers word the violation each in their own way.
            soci::statement insert = (session.prepare << "INSERT INTO api_tokens (id, name, role, units, token_hash,"
                                                         " created_at) VALUES (:id, :name, :role, :units, :hash,"
                                                         " :created_at) ON CONFLICT DO NOTHING",
                                      soci::use(token.id), soci::use(token.name), soci::use(role),
                                      soci::use(units), soci::use(token.hash), soci::use(created_at));
            insert.execute(true);
            if (insert.get_affected_rows() == 1) {
                transaction.commit();
                return TokenCreation::created;
            }
            long long named = 0;
            session << "SELECT count(*) FROM api_tokens WHERE name = :name AND revoked_at IS NULL", soci::into(named),
                soci::use(token.name);
            if (named > 0) return TokenCreation::name_taken;
            // 256 random bits do not collide: an id or hash seen twice is a bug in their making.
            return fail(StoreError{"a token with id " + token.id + " or the same hash is stored already"});
        });
}

Result<std::optional<ApiToken>, StoreError> SociStore::find_token(std::string_view hash) {
    using Found = std::optional<ApiToken>;
    return impl_->with_connection<Found>(
        "find_token", [&](soci::session&, StatementCache& statements) -> Result<Found, StoreError> {
            auto& kept = statements.get<SelectTokenByHash>();
            kept.hash = hash;
            kept.row.last_used_indicator = soci::i_null;
            kept.row.revoked_indicator = soci::i_null;
            if (!run(kept.statement, statements.backend())) return Found{};
            auto token = kept.row.read();
            if (!token) return fail(std::move(token).error());
            return Found{std::move(token).value()};
        });
}

Result<std::vector<ApiToken>, StoreError> SociStore::list_tokens() {
    using Tokens = std::vector<ApiToken>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Tokens>("list_tokens", [&](soci::session& session) -> Result<Tokens, StoreError> {
        TokenRow row;
        soci::statement rows =
            into_row(session.prepare << "SELECT " + token_columns(backend) + " FROM api_tokens ORDER BY created_at, id",
                     row);
        rows.execute();
        Tokens tokens;
        while (rows.fetch()) {
            auto token = row.read();
            if (!token) return fail(std::move(token).error());
            tokens.push_back(std::move(token).value());
        }
        return tokens;
    });
}

Result<bool, StoreError> SociStore::revoke_token(std::string_view id, Time at) {
    return impl_->with_connection<bool>("revoke_token", [&](soci::session& session) -> Result<bool, StoreError> {
        const std::string token_id(id);
        const std::string revoked_at = time_column(at);
        soci::statement update = (session.prepare << "UPDATE api_tokens SET revoked_at = :at"
                                                     " WHERE id = :id AND revoked_at IS NULL",
                                  soci::use(revoked_at), soci::use(token_id));
        update.execute(true);
        return update.get_affected_rows() == 1;
    });
}

Result<Done, StoreError> SociStore::touch_token(std::string_view id, Time at) {
    return impl_->with_connection<Done>("touch_token", [&](soci::session& session) -> Result<Done, StoreError> {
        const std::string token_id(id);
        const std::string used_at = time_column(at);
        // Two nodes (or two threads) may touch at once; the later time wins either way.
        session << "UPDATE api_tokens SET last_used_at = :at WHERE id = :id"
                   " AND (last_used_at IS NULL OR last_used_at < :at_again)",
            soci::use(used_at), soci::use(token_id), soci::use(used_at);
        return Done{};
    });
}

}  // namespace seminarflow
