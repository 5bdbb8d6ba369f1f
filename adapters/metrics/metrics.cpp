#include "adapters/metrics/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "adapters/metrics/exposition.hpp"

namespace seminarflow::metrics {

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::observe(double value) {
    const auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
    buckets_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    // The count is the buckets' total, so that the +Inf bucket and _count always agree even while
    // samples arrive; _sum may be a sample ahead or behind, which Prometheus tolerates.
    Snapshot snapshot;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        snapshot.cumulative.push_back(running);
    }
    snapshot.count = running;
    snapshot.sum = sum_.load(std::memory_order_relaxed);
    return snapshot;
}

template <class Metric>
Metric& Family<Metric>::with(std::initializer_list<std::string_view> values) {
    if (values.size() != label_names_.size()) {
        throw std::invalid_argument(name_ + " takes " + std::to_string(label_names_.size()) + " label value(s), not " +
                                    std::to_string(values.size()));
    }
    {
        const std::shared_lock lock(mutex_);
        if (const auto found = children_.find(values); found != children_.end()) return *found->second;
    }
    const std::unique_lock lock(mutex_);
    auto [at, added] = children_.try_emplace(std::vector<std::string>(values.begin(), values.end()));
    if (added) {
        if constexpr (std::is_same_v<Metric, Histogram>) {
            at->second = std::make_unique<Histogram>(bounds_);
        } else {
            at->second = std::make_unique<Metric>();
        }
    }
    return *at->second;
}

template class Family<Counter>;
template class Family<Histogram>;

namespace {

void header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += escape_help(help);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels, std::string_view value) {
    out += name;
    out += labels;
    out += ' ';
    out += value;
    out += '\n';
}

void render_counters(std::string& out, const CounterFamily& family) {
    header(out, family.name(), family.help(), "counter");
    // A family without labels has one series from the start: 0 until counted.
    if (family.label_names().empty()) {
        std::uint64_t total = 0;
        family.each([&](const std::vector<std::string>&, const Counter& counter) { total += counter.value(); });
        sample(out, family.name(), "", format_value(total));
        return;
    }
    family.each([&](const std::vector<std::string>& values, const Counter& counter) {
        sample(out, family.name(), label_set(family.label_names(), values), format_value(counter.value()));
    });
}

void render_histograms(std::string& out, const HistogramFamily& family) {
    const std::vector<double>& bounds = family.bounds();
    header(out, family.name(), family.help(), "histogram");
    const std::string bucket = family.name() + "_bucket";
    family.each([&](const std::vector<std::string>& values, const Histogram& histogram) {
        const auto snapshot = histogram.snapshot();
        for (std::size_t i = 0; i <= bounds.size(); ++i) {
            const std::string le = i < bounds.size() ? format_value(bounds[i]) : "+Inf";
            sample(out, bucket, label_set(family.label_names(), values, "le", le), format_value(snapshot.cumulative[i]));
        }
        const std::string labels = label_set(family.label_names(), values);
        sample(out, family.name() + "_sum", labels, format_value(snapshot.sum));
        sample(out, family.name() + "_count", labels, format_value(snapshot.count));
    });
}

void check_names(const std::string& name, const std::vector<std::string>& label_names, bool histogram) {
    if (!valid_metric_name(name)) throw std::invalid_argument("not a metric name: '" + name + "'");
    for (const auto& label : label_names) {
        if (!valid_label_name(label) || (histogram && label == "le")) {
            throw std::invalid_argument(name + ": not a label name: '" + label + "'");
        }
    }
}

}  // namespace

struct Registry::Entry {
    std::string name;
    std::unique_ptr<CounterFamily> counters;
    std::unique_ptr<HistogramFamily> histograms;
    std::string help;
    std::function<double()> read;  // a gauge

    void render(std::string& out) const {
        if (counters) {
            render_counters(out, *counters);
        } else if (histograms) {
            render_histograms(out, *histograms);
        } else {
            header(out, name, help, "gauge");
            sample(out, name, "", format_value(read()));
        }
    }
};

Registry::Registry() = default;
Registry::~Registry() = default;

void Registry::add(std::unique_ptr<Entry> entry) {
    const std::lock_guard lock(mutex_);
    for (const auto& existing : entries_) {
        if (existing->name == entry->name) throw std::invalid_argument("metric registered twice: " + entry->name);
    }
    entries_.push_back(std::move(entry));
}

CounterFamily& Registry::counter(std::string name, std::string help, std::vector<std::string> label_names) {
    check_names(name, label_names, false);
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->counters = std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(label_names));
    CounterFamily& family = *entry->counters;
    add(std::move(entry));
    return family;
}

HistogramFamily& Registry::histogram(std::string name, std::string help, std::vector<std::string> label_names,
                                     std::vector<double> bounds) {
    check_names(name, label_names, true);
    const bool ascending = std::adjacent_find(bounds.begin(), bounds.end(), std::greater_equal<>()) == bounds.end();
    const bool finite = std::all_of(bounds.begin(), bounds.end(), [](double bound) { return std::isfinite(bound); });
    if (bounds.empty() || !ascending || !finite) {
        throw std::invalid_argument(name + ": bucket bounds must be finite, strictly ascending, and at least one");
    }
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->histograms =
        std::make_unique<HistogramFamily>(std::move(name), std::move(help), std::move(label_names), std::move(bounds));
    HistogramFamily& family = *entry->histograms;
    add(std::move(entry));
    return family;
}

void Registry::gauge(std::string name, std::string help, std::function<double()> read) {
    check_names(name, {}, false);
    auto entry = std::make_unique<Entry>();
    entry->name = std::move(name);
    entry->help = std::move(help);
    entry->read = std::move(read);
    add(std::move(entry));
}

std::string Registry::render() const {
    std::string out;
    const std::lock_guard lock(mutex_);
    for (const auto& entry : entries_) entry->render(out);
    return out;
}

}  // namespace seminarflow::metrics
