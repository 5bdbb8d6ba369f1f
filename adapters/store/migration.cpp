#include "adapters/store/migration.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "embedded/seminarflow_store_migrations.hpp"

namespace seminarflow {
namespace {

Failure<StoreError> refuse(std::string message) {
    return fail(StoreError{std::move(message)});
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_'; }

// "NNNN_name.sql" -> (version, name); nothing for anything else, "0000_x.sql" included.
std::optional<AppliedMigration> parse_file_name(std::string_view file) {
    constexpr std::string_view suffix = ".sql";
    if (file.size() < 6 + suffix.size() || !file.ends_with(suffix) || file[4] != '_') return std::nullopt;
    const std::string_view digits = file.substr(0, 4);
    const std::string_view name = file.substr(5, file.size() - 5 - suffix.size());
    if (!std::all_of(digits.begin(), digits.end(), is_digit) || !std::all_of(name.begin(), name.end(), is_name_char)) {
        return std::nullopt;
    }
    int version = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (version == 0) return std::nullopt;
    return AppliedMigration{version, std::string(name)};
}

}  // namespace

std::string migration_label(int version, std::string_view name) {
    std::string digits = std::to_string(version);
    if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
    return digits + "_" + std::string(name);
}

Result<std::vector<Migration>, StoreError> select_migrations(std::span<const EmbeddedFile> files,
                                                             DatabaseBackend backend) {
    const std::string folder = std::string(to_string(backend)) + "/";
    std::vector<Migration> migrations;
    for (const EmbeddedFile& file : files) {
        if (!file.name.starts_with(folder)) continue;
        const auto parsed = parse_file_name(file.name.substr(folder.size()));
        if (!parsed) {
            return refuse("migration file " + std::string(file.name) +
                          " is not named NNNN_name.sql (four digits from 0001, '_', then a-z, 0-9 and '_')");
        }
        if (file.content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
            return refuse("migration file " + std::string(file.name) + " is empty");
        }
        migrations.push_back({parsed->version, parsed->name, std::string(file.content)});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const Migration& migration = migrations[i];
        const int expected = static_cast<int>(i) + 1;
        if (migration.version == expected) continue;
        if (i > 0 && migration.version == migrations[i - 1].version) {
            return refuse("two " + std::string(to_string(backend)) + " migrations have version " +
                          std::to_string(migration.version) + ": " +
                          migration_label(migrations[i - 1].version, migrations[i - 1].name) + " and " +
                          migration_label(migration.version, migration.name));
        }
        return refuse(std::string(to_string(backend)) + " migrations must be numbered 1, 2, 3 ... without gaps: " +
                      migration_label(migration.version, migration.name) + " comes where " +
                      migration_label(expected, "...") + " was expected");
    }
    return migrations;
}

Result<std::vector<Migration>, StoreError> builtin_migrations(DatabaseBackend backend) {
    auto migrations = select_migrations(store_migrations::files(), backend);
    if (migrations && migrations->empty()) {
        return refuse("no " + std::string(to_string(backend)) + " migrations are compiled into this binary");
    }
    return migrations;
}

Result<std::size_t, StoreError> next_migration(std::span<const AppliedMigration> applied,
                                               std::span<const Migration> known) {
    const int database_version = applied.empty() ? 0 : applied.back().version;
    const int binary_version = known.empty() ? 0 : known.back().version;
    if (database_version > binary_version) {
        return refuse("the database schema is at version " + std::to_string(database_version) +
                      ", newer than this binary knows (" + std::to_string(binary_version) +
                      "): run a newer seminarflow");
    }
    for (std::size_t i = 0; i < applied.size(); ++i) {
        const AppliedMigration& found = applied[i];
        if (i >= known.size() || found.version != known[i].version) {
            return refuse("schema_migrations holds version " + std::to_string(found.version) + " where " +
                          std::to_string(i + 1) + " was expected: this database was not migrated by seminarflow");
        }
        if (found.name != known[i].name) {
            return refuse("migration " + std::to_string(found.version) + " is " +
                          migration_label(found.version, found.name) + " in the database but " +
                          migration_label(known[i].version, known[i].name) +
                          " in this binary: they are different changes");
        }
    }
    return applied.size();
}

}  // namespace seminarflow
