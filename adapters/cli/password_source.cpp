#include "adapters/cli/password_source.hpp"

#include <fstream>

namespace seminarflow {

Result<std::optional<std::string>, std::string> read_password(
    const PasswordSource& source, const std::function<const char*(const char*)>& environment) {
    using Password = std::optional<std::string>;
    if (source.file && source.variable) {
        return fail(std::string("give the password once: --password-file or --password-env"));
    }
    if (source.variable) {
        const char* value = environment(source.variable->c_str());
        if (value == nullptr || *value == '\0') return fail("--password-env: $" + *source.variable + " is not set");
        return Password(value);
    }
    if (!source.file) return Password();
    std::ifstream in(*source.file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return fail("--password-file: cannot read a line from " + *source.file);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return fail("--password-file: the first line of " + *source.file + " is empty");
    return Password(std::move(line));
}

}  // namespace seminarflow
