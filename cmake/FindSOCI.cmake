# Debian's libsoci-dev ships headers and libraries but neither a CMake package nor a pkg-config
# file, so we look for them ourselves and expose imported targets:
#   SOCI::core, SOCI::sqlite3, SOCI::postgresql
include(FindPackageHandleStandardArgs)

find_path(SOCI_INCLUDE_DIR NAMES soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)
find_library(SOCI_SQLITE3_LIBRARY NAMES soci_sqlite3)
find_library(SOCI_POSTGRESQL_LIBRARY NAMES soci_postgresql)
find_package(SQLite3 QUIET)
find_package(PostgreSQL QUIET)

find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_POSTGRESQL_LIBRARY SOCI_INCLUDE_DIR
                SQLite3_FOUND PostgreSQL_FOUND)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")

  add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
  set_target_properties(SOCI::sqlite3 PROPERTIES
    IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;SQLite::SQLite3")

  add_library(SOCI::postgresql UNKNOWN IMPORTED)
  set_target_properties(SOCI::postgresql PROPERTIES
    IMPORTED_LOCATION "${SOCI_POSTGRESQL_LIBRARY}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;PostgreSQL::PostgreSQL")
endif()

mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_POSTGRESQL_LIBRARY)
