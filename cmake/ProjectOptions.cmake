# Compiler settings shared by every target of ours: warnings, sanitizers, ccache.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(seminarflow_options INTERFACE)
target_compile_options(seminarflow_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
                       -Wnull-dereference -Wimplicit-fallthrough)
if(SEMINARFLOW_WERROR)
  target_compile_options(seminarflow_options INTERFACE -Werror)
endif()
if(SEMINARFLOW_SANITIZE)
  target_compile_options(seminarflow_options INTERFACE -fsanitize=${SEMINARFLOW_SANITIZE}
                         -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(seminarflow_options INTERFACE -fsanitize=${SEMINARFLOW_SANITIZE})
endif()
# Includes are spelled from the repository root: "engine/model/time.hpp".
target_include_directories(seminarflow_options INTERFACE "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/generated")

# clang 14 cannot assemble UBSan's checks in some C++20 coroutines ("Cannot represent a difference
# across sections"), at any -O. Under clang with UBSan (the fuzz preset) the files given go without
# UBSan, and so without a precompiled header built with it; g++ builds (ci) keep UBSan there.
function(seminarflow_coroutines_without_clang_ubsan)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND SEMINARFLOW_SANITIZE MATCHES "undefined")
    set_source_files_properties(${ARGN} PROPERTIES COMPILE_OPTIONS -fno-sanitize=undefined
                                SKIP_PRECOMPILE_HEADERS ON)
  endif()
endfunction()
