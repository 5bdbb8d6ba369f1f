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
