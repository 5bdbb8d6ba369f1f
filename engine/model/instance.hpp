#pragma once
// A running workflow: which definition (name and version) it follows, where it is, its data.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

// How many children of one workflow are in one state. The runtime loads these with the
// instance so that count guards ("at least 3 accepted contributions") stay pure.
struct ChildCount {
    std::string workflow;
    std::string state;
    std::int64_t count = 0;
};

struct Instance {
    std::string id;
    std::string workflow;
    int definition_version = 0;
    std::string state;
    boost::json::object data;
    std::optional<std::string> parent;
    std::int64_t version = 0;  // bumped by every transition; optimistic concurrency
    Time created_at{};
    Time updated_at{};

    std::vector<ChildCount> children;               // loaded by the runtime for guards
    std::optional<boost::json::object> parent_data;  // the parent's data, read-only, for guards
};

}  // namespace seminarflow
