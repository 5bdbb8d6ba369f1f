// SociStore: reading instances, their history and the answers kept for Idempotency-Keys.
#include <algorithm>
#include <boost/json/array.hpp>
#include <span>
#include <tuple>

#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/statement_cache.hpp"

namespace seminarflow {
namespace {

using LoadedInstance = std::optional<Instance>;

// The children's counts as a JSON array of [workflow, state, count], one per pair that has any.
std::string select_child_counts(DatabaseBackend backend) {
    const std::string counts = "SELECT workflow, state, count(*) AS n FROM instances WHERE parent_id = i.id"
                               " GROUP BY workflow, state";
    if (backend == DatabaseBackend::sqlite) {
        return "(SELECT coalesce(json_group_array(json_array(c.workflow, c.state, c.n)), '[]') FROM (" + counts +
               ") c)";
    }
    return "(SELECT CAST(coalesce(json_agg(json_build_array(c.workflow, c.state, c.n)), '[]') AS TEXT) FROM (" +
           counts + ") c)";
}

// An instance as load_instance and load_instances read it, in ONE statement: the instance, what
// count guards read (one GROUP BY over the parent index, however many children) and its parent's
// data. One statement reads one snapshot on both backends, so the three agree without a
// transaction around them, and PostgreSQL answers in one round trip instead of five (BEGIN, three
// SELECTs, COMMIT).
std::string select_instances(DatabaseBackend backend) {
    return "SELECT i.id, i.workflow, i.definition_version, i.state, " + select_json("i.data") + ", i.parent_id, i.version, " +
           select_time(backend, "i.created_at") + ", " + select_time(backend, "i.updated_at") + ", " +
           select_child_counts(backend) + ", (SELECT " + select_json("p.data") +
           " FROM instances p WHERE p.id = i.parent_id) FROM instances i";
}

// The columns of select_instances, as one row is read into.
struct InstanceColumns {
    std::string found_id, workflow, state, data, created_at, updated_at, parent, children, parent_data;
    int definition_version = 0;
    long long version = 0;
    soci::indicator parent_indicator = soci::i_null;
    soci::indicator parent_data_indicator = soci::i_null;

    // A statement in the making (select_instances and its WHERE) with every column read into
    // this row; SOCI's prepare_temp_type is a handle, copied as such.
    soci::details::prepare_temp_type into(soci::details::prepare_temp_type statement) {
        statement, soci::into(found_id), soci::into(workflow), soci::into(definition_version), soci::into(state),
            soci::into(data), soci::into(parent, parent_indicator), soci::into(version), soci::into(created_at),
            soci::into(updated_at), soci::into(children), soci::into(parent_data, parent_data_indicator);
        return statement;
    }
};

// load_instance's statement, kept prepared on its connection (statement_cache.hpp).
struct SelectInstance : StatementCache::Entry {
    std::string id;  // the one asked for
    InstanceColumns row;
    soci::statement statement;
    SelectInstance(soci::session& session, DatabaseBackend backend)
        : statement((row.into(session.prepare << select_instances(backend) + " WHERE i.id = :id"), soci::use(id))) {}
};

Result<std::vector<ChildCount>, StoreError> read_child_counts(std::string_view text) {
    const auto corrupt = [&] { return fail(StoreError{"the store holds corrupt child counts: " + std::string(text)}); };
    auto parsed = read_json(text, "child counts");
    if (!parsed) return fail(std::move(parsed).error());
    if (!parsed->is_array()) return corrupt();
    std::vector<ChildCount> counts;
    for (const boost::json::value& row : parsed->get_array()) {
        const auto* cells = row.if_array();
        if (!cells || cells->size() != 3 || !(*cells)[0].is_string() || !(*cells)[1].is_string() ||
            !(*cells)[2].is_int64()) {
            return corrupt();
        }
        counts.push_back({std::string((*cells)[0].get_string()), std::string((*cells)[1].get_string()),
                          (*cells)[2].get_int64()});
    }
    // In one order whatever the aggregate's: guards and tests read them alike on both backends.
    std::sort(counts.begin(), counts.end(), [](const ChildCount& left, const ChildCount& right) {
        return std::tie(left.workflow, left.state) < std::tie(right.workflow, right.state);
    });
    return counts;
}

// The instance a fetched row holds.
Result<Instance, StoreError> to_instance(const InstanceColumns& row) {
    Instance instance;
    instance.id = row.found_id;
    instance.workflow = row.workflow;
    instance.definition_version = row.definition_version;
    instance.state = row.state;
    auto object = read_object(row.data, "instance data");
    auto created = read_time(row.created_at, "instance created_at");
    auto updated = read_time(row.updated_at, "instance updated_at");
    auto children = read_child_counts(row.children);
    if (!object) return fail(std::move(object).error());
    if (!created) return fail(std::move(created).error());
    if (!updated) return fail(std::move(updated).error());
    if (!children) return fail(std::move(children).error());
    instance.data = std::move(object).value();
    instance.created_at = *created;
    instance.updated_at = *updated;
    instance.version = row.version;
    instance.children = std::move(children).value();
    if (row.parent_indicator == soci::i_ok) instance.parent = row.parent;
    // The foreign key keeps the parent while it has children, so it is there.
    if (row.parent_data_indicator == soci::i_ok) {
        auto parent_object = read_object(row.parent_data, "parent data");
        if (!parent_object) return fail(std::move(parent_object).error());
        instance.parent_data = std::move(parent_object).value();
    }
    return instance;
}

Result<LoadedInstance, StoreError> read_instance(StatementCache& statements, std::string_view id) {
    auto& select = statements.get<SelectInstance>();
    select.id = id;
    select.row.parent_indicator = soci::i_null;
    select.row.parent_data_indicator = soci::i_null;
    if (!run(select.statement, statements.backend())) return LoadedInstance{};
    auto instance = to_instance(select.row);
    if (!instance) return fail(std::move(instance).error());
    return LoadedInstance{std::move(instance).value()};
}

}  // namespace

Result<std::optional<Instance>, StoreError> SociStore::load_instance(std::string_view id) {
    return impl_->with_connection<LoadedInstance>(
        "load_instance",
        [&](soci::session&, StatementCache& statements) { return read_instance(statements, id); });
}

Result<std::vector<Instance>, StoreError> SociStore::load_instances(std::span<const std::string> ids) {
    using Instances = std::vector<Instance>;
    if (ids.empty()) return Instances{};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Instances>("load_instances", [&](soci::session& session) -> Result<Instances, StoreError> {
        const std::string list = json_column(ids);  // for ids_from_list
        InstanceColumns row;
        // Prepared per call: one call serves a whole round of claimed work.
        soci::statement rows = (row.into(session.prepare << select_instances(backend) + " WHERE i.id IN (" +
                                                                 ids_from_list(backend) + ")"),
                                soci::use(list));
        rows.execute();
        Instances instances;
        while (rows.fetch()) {
            auto instance = to_instance(row);
            if (!instance) return fail(std::move(instance).error());
            instances.push_back(std::move(instance).value());
            row.parent_indicator = soci::i_null;
            row.parent_data_indicator = soci::i_null;
        }
        return instances;
    });
}

Result<std::vector<HistoryEntry>, StoreError> SociStore::load_history(std::string_view instance_id,
                                                                     std::int64_t after_seq, std::size_t limit) {
    using Entries = std::vector<HistoryEntry>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Entries>("load_history", [&](soci::session& session) -> Result<Entries, StoreError> {
        const std::string id(instance_id);
        const long long after = after_seq;
        // Beyond what a signed 64-bit LIMIT holds is "all of them" anyway.
        const long long most = static_cast<long long>(std::min<std::size_t>(limit, LLONG_MAX));
        long long seq = 0;
        std::string event, actor, role, payload, from, to, at;
        int definition_version = 0;
        soci::indicator from_indicator = soci::i_null;
        soci::statement rows = (session.prepare << "SELECT seq, event, actor, actor_role, " + select_json("payload") +
                                                       ", from_state, to_state, definition_version, " +
                                                       select_time(backend, "at") +
                                                       " FROM history WHERE instance_id = :id AND seq > :after"
                                                       " ORDER BY seq LIMIT :limit",
                                soci::into(seq), soci::into(event), soci::into(actor), soci::into(role),
                                soci::into(payload), soci::into(from, from_indicator), soci::into(to),
                                soci::into(definition_version), soci::into(at), soci::use(id), soci::use(after),
                                soci::use(most));
        rows.execute();
        Entries entries;
        while (rows.fetch()) {
            auto parsed_role = read_role(role, "history actor_role");
            auto parsed_payload = read_object(payload, "history payload");
            auto parsed_at = read_time(at, "history time");
            if (!parsed_role) return fail(std::move(parsed_role).error());
            if (!parsed_payload) return fail(std::move(parsed_payload).error());
            if (!parsed_at) return fail(std::move(parsed_at).error());
            HistoryEntry entry{.instance_id = id,
                               .seq = seq,
                               .event = event,
                               .actor = {actor, *parsed_role},
                               .payload = std::move(parsed_payload).value(),
                               .from = std::nullopt,
                               .to = to,
                               .definition_version = definition_version,
                               .at = *parsed_at};
            if (from_indicator == soci::i_ok) entry.from = from;
            entries.push_back(std::move(entry));
        }
        return entries;
    });
}

Result<std::optional<IdempotencyRecord>, StoreError> SociStore::find_idempotency(std::string_view key) {
    using Found = std::optional<IdempotencyRecord>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Found>("find_idempotency", [&](soci::session& session) -> Result<Found, StoreError> {
        IdempotencyRecord record;
        record.key = key;
        std::string instance_id, response, created_at;
        soci::indicator instance_indicator = soci::i_null;
        session << "SELECT request_hash, instance_id, response_status, " + select_json("response") + ", " +
                       select_time(backend, "created_at") + " FROM idempotency_keys WHERE key = :key",
            soci::into(record.request_hash), soci::into(instance_id, instance_indicator), soci::into(record.status),
            soci::into(response), soci::into(created_at), soci::use(record.key);
        if (!session.got_data()) return Found{};
        auto parsed_response = read_json(response, "idempotent response");
        auto parsed_created = read_time(created_at, "idempotency created_at");
        if (!parsed_response) return fail(std::move(parsed_response).error());
        if (!parsed_created) return fail(std::move(parsed_created).error());
        record.response = std::move(parsed_response).value();
        record.created_at = *parsed_created;
        if (instance_indicator == soci::i_ok) record.instance_id = instance_id;
        return Found{std::move(record)};
    });
}

}  // namespace seminarflow
