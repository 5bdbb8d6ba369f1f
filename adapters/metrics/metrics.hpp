#pragma once
// A small metrics registry: counters and histograms with fixed buckets, in families keyed by
// label values, rendered in Prometheus' text format 0.0.4. Hand-written rather than
// prometheus-cpp: the server needs these two kinds and a text page, which is less code than the
// library's builders and keeps its headers (and a new dependency) out of the build.
//
// Thread-safe: a sample is an atomic add; a family takes a lock only to find or add a child,
// shared when it is there already. Families are registered at start-up; a bad name or a wrong
// number of label values is a bug, and throws std::invalid_argument.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace seminarflow::metrics {

class Counter {
public:
    void add(std::uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

class Histogram {
public:
    // `bounds`: the buckets' upper bounds, ascending; +Inf is implied. Kept by reference (the
    // family's), so it must outlive the histogram.
    explicit Histogram(const std::vector<double>& bounds);
    // Counted in the first bucket whose bound is at least `value` (le: less or equal).
    void observe(double value);

    struct Snapshot {
        std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf (== count)
        double sum = 0;
        std::uint64_t count = 0;
    };
    Snapshot snapshot() const;

private:
    const std::vector<double>& bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // per bucket, not cumulative
    std::atomic<double> sum_{0};
};

// A child per set of label values, in the order the family names its labels.
template <class Metric>
class Family {
public:
    Family(std::string name, std::string help, std::vector<std::string> label_names, std::vector<double> bounds = {})
        : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)),
          bounds_(std::move(bounds)) {}

    Metric& with(std::initializer_list<std::string_view> values);

    const std::string& name() const { return name_; }
    const std::string& help() const { return help_; }
    const std::vector<std::string>& label_names() const { return label_names_; }
    const std::vector<double>& bounds() const { return bounds_; }  // a histogram's
    // Calls `visit(label values, metric)` for each child, ordered by label values.
    template <class Visit>
    void each(Visit visit) const {
        const std::shared_lock lock(mutex_);
        for (const auto& [values, metric] : children_) visit(values, *metric);
    }

private:
    struct ValuesLess {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                                [](std::string_view x, std::string_view y) { return x < y; });
        }
    };

    std::string name_;
    std::string help_;
    std::vector<std::string> label_names_;
    std::vector<double> bounds_;
    mutable std::shared_mutex mutex_;
    std::map<std::vector<std::string>, std::unique_ptr<Metric>, ValuesLess> children_;
};

using CounterFamily = Family<Counter>;
using HistogramFamily = Family<Histogram>;

class Registry {
public:
    Registry();
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Names follow Prometheus' conventions: a counter's ends in _total, a unit is spelled out
    // (_seconds). The references stay valid as long as the registry.
    CounterFamily& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
    HistogramFamily& histogram(std::string name, std::string help, std::vector<std::string> label_names,
                               std::vector<double> bounds);
    // A gauge read when the page is rendered (open connections, memory in use).
    void gauge(std::string name, std::string help, std::function<double()> read);

    // Every family, in the order they were registered.
    std::string render() const;

private:
    struct Entry;
    void add(std::unique_ptr<Entry> entry);

    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Entry>> entries_;
};

}  // namespace seminarflow::metrics
