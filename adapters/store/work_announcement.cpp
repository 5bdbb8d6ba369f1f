#include "adapters/store/work_announcement.hpp"

#include <algorithm>
#include <string>

#include <soci/soci.h>

namespace seminarflow {

void announce_work(soci::session& session, DatabaseBackend backend, std::span<QueuedCommit* const> batch) {
    if (backend != DatabaseBackend::postgresql) return;
    const bool any = std::any_of(batch.begin(), batch.end(), [](const QueuedCommit* queued) {
        return work_made(*queued->commit).scheduling;
    });
    // Without a payload: the listeners claim what is due from the tables, so a notification has
    // nothing to say but "look".
    if (any) session << "NOTIFY " + std::string(work_channel);
}

}  // namespace seminarflow
