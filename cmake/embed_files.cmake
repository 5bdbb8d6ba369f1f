# Script mode (cmake -P): writes NAME.hpp/.cpp holding FILES as byte arrays, named relative to BASE.
file(MAKE_DIRECTORY "${OUT_DIR}")
set(entries "")
set(arrays "")
set(index 0)
foreach(path IN LISTS FILES)
  file(READ "${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  file(RELATIVE_PATH name "${BASE}" "${path}")
  string(LENGTH "${hex}" hex_length)
  math(EXPR length "${hex_length} / 2")
  string(APPEND arrays "constexpr char file_${index}[] = {${bytes}'\\0'};\n")
  string(APPEND entries "    {\"${name}\", {file_${index}, ${length}}},\n")
  math(EXPR index "${index} + 1")
endforeach()

file(WRITE "${OUT_DIR}/${NAME}.hpp" "#pragma once
#include <span>
#include \"embedded/embedded_file.hpp\"
namespace ${NAMESPACE} {
std::span<const seminarflow::EmbeddedFile> files();
}
")
file(WRITE "${OUT_DIR}/${NAME}.cpp" "#include \"embedded/${NAME}.hpp\"
namespace ${NAMESPACE} {
namespace {
${arrays}
constexpr seminarflow::EmbeddedFile all_files[] = {
${entries}};
}  // namespace
std::span<const seminarflow::EmbeddedFile> files() { return all_files; }
}  // namespace ${NAMESPACE}
")
if(NOT EXISTS "${OUT_DIR}/embedded_file.hpp")
  file(WRITE "${OUT_DIR}/embedded_file.hpp" "#pragma once
#include <string_view>
namespace seminarflow {
struct EmbeddedFile {
    std::string_view name;     // path relative to the folder it was embedded from
    std::string_view content;
};
}  // namespace seminarflow
")
endif()
