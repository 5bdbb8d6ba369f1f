#pragma once
// What the endpoint and delivery cases share: endpoints as an operator adds them, a seminar with
// notifications in the outbox, and ids for the deliveries fanned out.
#include <memory>
#include <string>
#include <vector>

#include "adapters/store/soci_store.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow::test {

// A webhook endpoint to http://127.0.0.1/<name>, enabled, for every type unless `types` says.
Endpoint webhook_endpoint(const std::string& name, std::vector<std::string> types = {}, int max_in_flight = 4);

// Commits a new seminar with one outbox notification per template in `templates`, made at
// `created_at`; returns the notifications' ids in that order.
std::vector<std::string> seminar_notifications(SociStore& store, const std::vector<std::string>& templates,
                                               const std::string& created_at = "2026-11-30T07:00:00Z");

// Runs `sql` on a connection of the test's own that the foreign keys do not hold back: a row
// lost as only a broken database loses it, with what refers to it left behind.
void run_past_foreign_keys(const DatabaseUrl& url, const std::string& sql);

// Ids "d-0001", "d-0002" ... in the order asked for.
class CountingIds final : public IdSource {
public:
    std::string next_id() override;

private:
    int next_ = 1;
};

}  // namespace seminarflow::test
