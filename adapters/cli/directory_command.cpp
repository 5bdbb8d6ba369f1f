// `seminarflow directory import FILE`: a CSV file of units or of people (directory_import.hpp)
// brought into the organisation's directory, on the database the config names, all or nothing:
// the first bad row is reported as FILE:LINE:COLUMN and nothing is imported.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/directory_import.hpp"
#include "engine/ports/clock.hpp"

namespace seminarflow {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

void report(const std::filesystem::path& file, const ImportError& error) {
    std::cerr << file.string() << ":" << error.text() << "\ndirectory import: nothing was imported\n";
}

int run_directory_import(const GlobalOptions& options, const std::filesystem::path& file) {
    const auto text = read_file(file);
    if (!text) {
        std::cerr << "directory import: cannot read " << file.string() << '\n';
        return 1;
    }
    auto batch = read_directory_csv(*text, SystemClock{}.now());
    if (!batch) {
        report(file, batch.error());
        return 1;
    }
    auto store = open_command_store(options);
    if (!store) return 1;
    const bool units = batch->file == DirectoryFile::units;
    auto saved = units ? (*store)->save_units(batch->units) : (*store)->save_people(batch->people);
    if (!saved) {
        spdlog::error("directory import: {}", saved.error().message);
        std::cerr << "directory import: nothing was imported\n";
        return 1;
    }
    if (saved->refusal) {
        report(file, refusal_error(*batch, *saved->refusal));
        return 1;
    }
    std::cout << "imported " << saved->created << (units ? " unit(s)" : " person(s)") << " from " << file.string();
    if (saved->unchanged > 0) std::cout << "; " << saved->unchanged << " already there as they are";
    std::cout << '\n';
    return 0;
}

}  // namespace

void add_directory_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* directory = app.add_subcommand("directory", "the organisation's units and people");
    directory->require_subcommand(1);
    auto file = std::make_shared<std::filesystem::path>();
    auto* import = directory->add_subcommand(
        "import", "import a CSV file of units (a header with ref,kind,name,parent ...) or of people "
                  "(ref,name,unit,title ...), all or nothing");
    import->add_option("FILE", *file, "the CSV file, UTF-8, with a header row")->required()->check(CLI::ExistingFile);
    import->callback([&options, &exit_code, file] { exit_code = run_directory_import(options, *file); });
}

}  // namespace seminarflow
