#pragma once
// Carrying out claimed work for many instances at once, and each instance's in order.
//
// A round of the WorkRunner claims timers (and signals) for many instances. Fired one after the
// other, each waits for its own commit, so the store's group commit never has two to share a
// flush with. Fired all at once, two timers of one instance would race: the later one could
// take effect first (an `overdue` before the `remind` due three days earlier), and both would
// fight over the instance's version. So the claimed items are split into lanes, one per
// instance, each keeping the claim's (due) order; lanes run side by side on a few threads, and a
// lane's items one after the other.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace seminarflow {

// The positions of `items`, grouped by `instance_of(item)`: one lane per instance, lanes in the
// order of their first item, each lane in the items' order.
template <class Item, class InstanceOf>
std::vector<std::vector<std::size_t>> lanes_by_instance(const std::vector<Item>& items, InstanceOf instance_of) {
    std::vector<std::vector<std::size_t>> lanes;
    std::unordered_map<std::string_view, std::size_t> lane_of;
    lane_of.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& instance = instance_of(items[i]);
        auto [found, added] = lane_of.try_emplace(instance, lanes.size());
        if (added) lanes.emplace_back();
        lanes[found->second].push_back(i);
    }
    return lanes;
}

// Calls run_lane(0) ... run_lane(lane_count - 1), at most `parallelism` at once: on the calling
// thread and up to parallelism - 1 threads started for this call, each taking the next lane not
// yet taken. Returns when every lane has run. An exception from a lane (a bug: expected failures
// are values) is rethrown here once every thread has stopped.
void run_lanes(std::size_t lane_count, std::size_t parallelism, const std::function<void(std::size_t)>& run_lane);

}  // namespace seminarflow
