// Runs a fuzz target over every file of the folders (or files) it is given: its seed corpus and
// the regression inputs of findings. Built with the ordinary compiler beside each target, so that
// every test run (scripts/test.sh, the ci preset's ASan + UBSan) replays them all, without clang
// or libFuzzer. A finding that comes back aborts here as it did under the fuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_in(int count, char** arguments) {
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < count; ++i) {
        const std::filesystem::path path = arguments[i];
        if (!std::filesystem::is_directory(path)) {
            inputs.push_back(path);
            continue;
        }
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) inputs.push_back(entry.path());
        }
    }
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

}  // namespace

int main(int argc, char** argv) {
    const auto inputs = inputs_in(argc, argv);
    // A corpus folder that moved or emptied must not pass as "nothing failed".
    if (inputs.empty()) {
        std::cerr << "usage: " << argv[0] << " CORPUS_DIR_OR_FILE...: no input found\n";
        return 2;
    }
    for (const auto& path : inputs) {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::cerr << "cannot read " << path << "\n";
            return 2;
        }
        const std::vector<char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        // A buffer of exactly the input's size, as libFuzzer gives: AddressSanitizer then catches a
        // read one byte past the end.
        const auto copy = std::make_unique<std::uint8_t[]>(bytes.size());
        std::copy(bytes.begin(), bytes.end(), copy.get());
        std::cerr << "replaying " << path.string() << "\n";
        LLVMFuzzerTestOneInput(copy.get(), bytes.size());
    }
    std::cout << "replayed " << inputs.size() << " inputs\n";
    return 0;
}
