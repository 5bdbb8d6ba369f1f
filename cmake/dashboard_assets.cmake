# Script mode (cmake -P): stages the dashboard's files (FILES, named relative to SOURCE_DIR) into
# OUT_DIR beside a gzip -9n copy of each, with "@ASSET_VERSION@" in index.html replaced by a hash
# of every file, and writes that hash to OUT_DIR/version. The page's URLs carry it, so a browser
# may keep an asset for a year: a new build moves every URL. No build step for whoever edits the
# page: this is the only thing done to it.
find_program(GZIP gzip REQUIRED)
file(MAKE_DIRECTORY "${OUT_DIR}")
set(digests "")
foreach(path IN LISTS FILES)
  file(SHA256 "${path}" digest)
  file(RELATIVE_PATH name "${SOURCE_DIR}" "${path}")
  string(APPEND digests "${name} ${digest}\n")
endforeach()
string(SHA256 all "${digests}")
string(SUBSTRING "${all}" 0 16 ASSET_VERSION)
file(WRITE "${OUT_DIR}/version" "${ASSET_VERSION}")

foreach(path IN LISTS FILES)
  file(RELATIVE_PATH name "${SOURCE_DIR}" "${path}")
  if(name STREQUAL "index.html")
    configure_file("${path}" "${OUT_DIR}/${name}" @ONLY)
  else()
    configure_file("${path}" "${OUT_DIR}/${name}" COPYONLY)
  endif()
  # -n: no name or time stamp in the header, so the same file compresses to the same bytes.
  execute_process(COMMAND "${GZIP}" -9nc "${OUT_DIR}/${name}" OUTPUT_FILE "${OUT_DIR}/${name}.gz"
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip failed on ${name}")
  endif()
endforeach()
