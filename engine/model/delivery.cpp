#include "engine/model/delivery.hpp"

namespace seminarflow {

std::string_view to_string(DeliveryStatus status) {
    switch (status) {
    case DeliveryStatus::pending: return "pending";
    case DeliveryStatus::delivered: return "delivered";
    case DeliveryStatus::failed: return "failed";
    case DeliveryStatus::dead: return "dead";
    }
    return "pending";
}

std::optional<DeliveryStatus> parse_delivery_status(std::string_view text) {
    for (DeliveryStatus status :
         {DeliveryStatus::pending, DeliveryStatus::delivered, DeliveryStatus::failed, DeliveryStatus::dead}) {
        if (to_string(status) == text) return status;
    }
    return std::nullopt;
}

std::string_view to_string(AttemptOutcome outcome) {
    switch (outcome) {
    case AttemptOutcome::success: return "success";
    case AttemptOutcome::retry: return "retry";
    case AttemptOutcome::failure: return "failure";
    case AttemptOutcome::disable: return "disable";
    }
    return "failure";
}

}  // namespace seminarflow
