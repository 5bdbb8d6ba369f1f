// `seminarflow demo [--database URL]`: loads a seminar shaped on one of the seeds (demo/tkv_story.hpp)
// into the configured database, through the runtime as the API would, and prints what it loaded
// with the numbers the store counts, and what to run next. A database that holds the demo already
// is refused and nothing is loaded again: loading it twice would make a second seminar of the
// same day.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/demo/tkv_story.hpp"
#include "adapters/http/summary_routes.hpp"
#include "engine/messages/readable_value.hpp"

namespace seminarflow {
namespace {

// The demo's programme if this database holds it: found by its title among the programmes.
Result<std::optional<Instance>, std::string> loaded_before(Store& store) {
    std::optional<InstancePosition> after;
    do {
        auto page = store.list_instances(InstanceFilter{.workflow = "programme"}, after, 500);
        if (!page) return fail(page.error().message);
        for (Instance& instance : page->items) {
            const auto* title = instance.data.if_contains("title");
            if (title && title->is_string() && title->as_string() == demo::programme_title) {
                return std::optional<Instance>(std::move(instance));
            }
        }
        after = page->next;
    } while (after);
    return std::optional<Instance>{};
}

std::string amount(const boost::json::value& vnd) {
    return readable_value(vnd, ValueType::vnd, ReadingContext{.language = "en", .zone = "Asia/Ho_Chi_Minh"});
}

// The numbers as GET /v1/instances/{id}/summary shows them (summary_json), so that what the demo
// says and what the API answers are one.
void print_summary(const boost::json::object& seminar, const boost::json::object& programme) {
    const auto number = [](const boost::json::value& value) { return value.to_number<std::int64_t>(); };
    const auto& contributions = seminar.at("contributions");
    const auto& proposals = seminar.at("proposals");
    const auto& directives = seminar.at("directives");
    const auto& rewards = seminar.at("rewards");
    std::cout << "  tham luận: " << number(contributions.at("presented")) << " presented\n"
              << "  proposals: " << number(proposals.at("answered")) << " answered, "
              << number(proposals.at("forwarded")) << " forwarded, " << number(proposals.at("open")) << " open\n"
              << "  directives: " << number(directives.at("done")) << " done, "
              << number(directives.at("carried_over")) << " carried over, " << number(directives.at("open"))
              << " open\n"
              << "  rewards: " << number(rewards.at("recipients")) << " units rewarded, "
              << amount(rewards.at("approved_vnd")) << " approved, " << amount(rewards.at("paid_vnd")) << " paid\n"
              << "  participants: " << number(seminar.at("participants").at("total")) << "\n"
              << "  programme: " << number(programme.at("seminars").at("held")) << " seminar(s) held of "
              << number(programme.at("seminars").at("total")) << "\n";
}

Result<Done, std::string> print_loaded(Store& store, const demo::StoryLoaded& loaded) {
    auto seminar = store.summarise_instance(loaded.seminar_id);
    auto programme = store.summarise_instance(loaded.programme_id);
    if (!seminar) return fail(seminar.error().message);
    if (!programme) return fail(programme.error().message);
    if (!*seminar || !*programme) return fail(std::string("the demo's instances are gone"));
    std::cout << "loaded the demo, from seed 000 (Công đoàn TKV, 24 October 2016):\n"
              << "  programme " << loaded.programme_id << "  " << demo::programme_title << "\n"
              << "  seminar   " << loaded.seminar_id << "  (" << (*seminar)->state << ")\n";
    print_summary(http::summary_json(**seminar), http::summary_json(**programme));
    std::cout << "next:\n"
              << "  seminarflow tokens create --role viewer --name demo    # prints a token, once\n"
              << "  seminarflow serve\n"
              << "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/v1/instances\n"
              << "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/v1/instances/" << loaded.seminar_id
              << "/summary\n";
    return Done{};
}

int refuse_again(const Instance& programme) {
    std::cerr << "demo: this database holds the demo already (programme " << programme.id << ", dated "
              << format_rfc3339(programme.created_at) << " by the story's clock): nothing was loaded again.\n"
              << "demo: run `seminarflow serve` to see it, or give --database a new file to load it afresh\n";
    return 1;
}

int run_demo(const GlobalOptions& options, const std::optional<std::string>& database) {
    auto config = bootstrap(options);
    if (!config) return 1;
    if (database) config->database.url = *database;
    auto definitions = load_definitions(*config, config->workflows_dir);
    if (!definitions) return 1;
    auto store = prepare_store(*config, *definitions, "demo");
    if (!store) return 1;
    auto before = loaded_before(**store);
    if (!before) {
        std::cerr << "demo: " << before.error() << '\n';
        return 1;
    }
    if (*before) return refuse_again(**before);
    StoryDriver story((*definitions).catalogue, **store, Time{});
    auto loaded = demo::tell_tkv_story(story, **store);
    if (!loaded) {
        std::cerr << "demo: " << loaded.error() << "\ndemo: what was loaded before this step stays\n";
        return 1;
    }
    if (auto printed = print_loaded(**store, *loaded); !printed) {
        std::cerr << "demo: " << printed.error() << '\n';
        return 1;
    }
    return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto database = std::make_shared<std::optional<std::string>>();
    auto* demo = app.add_subcommand(
        "demo", "load a seminar shaped on a real one (seed 000: Công đoàn TKV, 2016) with its programme, units, "
                "tham luận, conclusion, directives and rewards, so that `serve` shows it at once");
    demo->add_option("--database", *database,
                     "load into this database (sqlite:///abs/path.db or postgresql://...) instead of the config's");
    demo->callback([&options, &exit_code, database] { exit_code = run_demo(options, *database); });
}

}  // namespace seminarflow
