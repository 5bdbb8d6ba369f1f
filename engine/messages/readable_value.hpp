#pragma once
// How a data value reads in a message to people: a time on the event's wall clock, an amount
// of đồng with its thousands grouped, a duration in words, in the message's language.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/field.hpp"

namespace seminarflow {

struct ReadingContext {
    std::string_view language;  // "vi" or "en"; anything else reads as English
    std::string_view zone;      // an IANA time zone the database knows
    bool show_zone = false;     // say which zone times are in (when it is not the usual one)
};

// `type` is the data field's declared type, or nothing when the definition does not declare it.
std::string readable_value(const boost::json::value& value, std::optional<ValueType> type,
                           const ReadingContext& context);

}  // namespace seminarflow
