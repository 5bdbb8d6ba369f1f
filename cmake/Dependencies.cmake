# Every dependency comes from Debian's packages (scripts/install-deps.sh installs them).

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
# Boost 1.81 exactly: Debian's default 1.74 lacks Boost.URL and has an older Beast.
find_package(Boost 1.81.0 EXACT REQUIRED CONFIG COMPONENTS json url)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SOCI REQUIRED)
# Wall clocks in time zones for messages, read from the system's tzdata (C++20's <chrono> zones
# are not in GCC 12).
find_package(date REQUIRED)
if(SEMINARFLOW_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
