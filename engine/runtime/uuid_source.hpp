#pragma once
// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later,
// which keeps the primary-key indexes of instances and the outbox append-mostly.
#include <mutex>
#include <random>

#include "engine/ports/clock.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow {

class UuidV7Source final : public IdSource {
public:
    explicit UuidV7Source(const Clock& clock);
    std::string next_id() override;

private:
    const Clock& clock_;
    std::mutex mutex_;
    std::mt19937_64 random_;
};

// The text form of a UUID's 16 bytes.
std::string format_uuid(const unsigned char (&bytes)[16]);

}  // namespace seminarflow
