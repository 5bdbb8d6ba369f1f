#include "engine/runtime/uuid_source.hpp"

namespace seminarflow {

UuidV7Source::UuidV7Source(const Clock& clock) : clock_(clock) {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    random_.seed(seed);
}

std::string UuidV7Source::next_id() {
    const auto millis = static_cast<std::uint64_t>(clock_.now().time_since_epoch().count());
    std::uint64_t high = 0, low = 0;
    {
        const std::lock_guard lock(mutex_);
        high = random_();
        low = random_();
    }
    unsigned char bytes[16];
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(millis >> (40 - 8 * i));
    for (int i = 6; i < 8; ++i) bytes[i] = static_cast<unsigned char>(high >> (8 * i));
    for (int i = 8; i < 16; ++i) bytes[i] = static_cast<unsigned char>(low >> (8 * (i - 8)));
    bytes[6] = static_cast<unsigned char>(0x70 | (bytes[6] & 0x0F));  // version 7
    bytes[8] = static_cast<unsigned char>(0x80 | (bytes[8] & 0x3F));  // variant 10
    return format_uuid(bytes);
}

std::string format_uuid(const unsigned char (&bytes)[16]) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 0x0F];
    }
    return text;
}

}  // namespace seminarflow
