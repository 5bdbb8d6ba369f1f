// Any bytes as seminarflow.yaml (adapters/cli/config.cpp). The loader's promise: a configuration
// within the bounds it documents, or file:line diagnostics; never a crash or an exception. The
// database URL it accepts is then read as serve reads it (adapters/store/database_url.hpp), whose
// promise is the same: a URL, or a sentence that does not quote the (secret-bearing) text.
#include "adapters/cli/config.hpp"
#include "adapters/store/database_url.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace seminarflow;
using namespace std::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto config = parse_config(fuzz::as_text(data, size), "fuzzed.yaml", "/etc/seminarflow");
    if (!config) {
        fuzz::require(!config.error().empty(), "a refusal says why");
        for (const Diagnostic& diagnostic : config.error()) {
            fuzz::require(diagnostic.file == "fuzzed.yaml" && !diagnostic.message.empty(), "a diagnostic names the file");
        }
        return 0;
    }
    fuzz::require(config->server.threads >= 1 && config->server.threads <= 256, "server.threads within 1..256");
    fuzz::require(config->server.max_body_bytes >= 1024, "server.max_body_bytes at least 1024");
    fuzz::require(config->server.request_timeout > 0ms, "server.request_timeout positive");
    fuzz::require(config->database.pool_size >= 1 && config->database.pool_size <= 256, "database.pool_size within 1..256");
    fuzz::require(config->database.read_threads >= 1 && config->database.read_threads <= 256,
                  "database.read_threads within 1..256");
    fuzz::require(config->database.commit_threads >= 1, "database.commit_threads at least 1");
    fuzz::require(config->scheduler.poll_interval >= 10ms && config->scheduler.lease >= 1s, "scheduler bounds hold");
    fuzz::require(config->dispatcher.lease > config->dispatcher.send_timeout, "a dispatcher lease outlives a try");
    fuzz::require(config->dispatcher.max_in_flight >= 1, "dispatcher.max_in_flight at least 1");

    auto url = parse_database_url(config->database.url);
    if (!url) return 0;
    // A password of "***" reads the same redacted: scripts/fuzz.sh found that false alarm.
    if (url->password && !url->password->empty() && *url->password != "***") {
        fuzz::require(url->redacted().find(":" + *url->password + "@") == std::string::npos,
                      "a URL's password never shows in its redacted form");
    }
    // The redacted form is a URL that names the same database, its secrets replaced by "***".
    auto again = parse_database_url(url->redacted());
    fuzz::require(again.ok(), "a redacted URL parses");
    fuzz::require(again->backend == url->backend && again->path == url->path && again->user == url->user &&
                      again->host == url->host && again->port == url->port && again->database == url->database,
                  "a redacted URL names the same database");
    fuzz::require(again->password.has_value() == url->password.has_value() &&
                      (!again->password || *again->password == "***"),
                  "a redacted URL hides its password");
    fuzz::require(again->parameters.size() == url->parameters.size(), "a redacted URL keeps its parameters");
    for (std::size_t i = 0; i < url->parameters.size(); ++i) {
        const bool same = again->parameters[i] == url->parameters[i];
        const bool hidden = again->parameters[i].first == url->parameters[i].first && again->parameters[i].second == "***";
        fuzz::require(same || hidden, "a redacted URL keeps its parameters, or hides them");
    }
    return 0;
}
