# seminarflow_embed_files(TARGET name NAMESPACE ns BASE dir FILES f...)
# Compiles text files (SQL migrations, the default config, templates) into a static library, so
# the binary carries them and never depends on where it is started from. The generated header
# "<name>.hpp" declares `std::span<const seminarflow::EmbeddedFile> ns::files()`.
set(_embed_script "${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake")

function(seminarflow_embed_files)
  cmake_parse_arguments(arg "" "TARGET;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out_dir "${PROJECT_BINARY_DIR}/generated/embedded")
  set(header "${out_dir}/${arg_TARGET}.hpp")
  set(source "${out_dir}/${arg_TARGET}.cpp")
  add_custom_command(
    OUTPUT "${header}" "${source}"
    COMMAND "${CMAKE_COMMAND}" -DNAME=${arg_TARGET} -DNAMESPACE=${arg_NAMESPACE}
            -DBASE=${arg_BASE} "-DFILES=${arg_FILES}" -DOUT_DIR=${out_dir} -P "${_embed_script}"
    DEPENDS ${arg_FILES} "${_embed_script}"
    COMMENT "Embedding ${arg_TARGET}"
    VERBATIM)
  add_library(${arg_TARGET} STATIC "${source}" "${header}")
  target_link_libraries(${arg_TARGET} PUBLIC seminarflow_options)
endfunction()
