# Build options and the INTERFACE targets every engine module links.
option(KOKEILU_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(KOKEILU_BUILD_TESTS "Build the unit tests" ON)
option(KOKEILU_BUILD_BENCHMARKS "Build the Google Benchmark programs" ON)

add_library(kokeilu_warnings INTERFACE)
add_library(kokeilu::warnings ALIAS kokeilu_warnings)
target_compile_options(kokeilu_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)

# Results must be the same bits in every build: no fast-math, no FMA contraction that the
# optimiser may apply in one build and not another, one exp implementation (glibc's).
add_library(kokeilu_fp INTERFACE)
add_library(kokeilu::fp ALIAS kokeilu_fp)
target_compile_options(kokeilu_fp INTERFACE -ffp-contract=off -fno-fast-math)

if(KOKEILU_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Engine version and git revision, written to every output file.
find_package(Git QUIET)
set(KOKEILU_GIT_REVISION "unknown")
if(GIT_FOUND AND EXISTS ${CMAKE_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE KOKEILU_GIT_REVISION
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _git_rc)
  if(NOT _git_rc EQUAL 0)
    set(KOKEILU_GIT_REVISION "unknown")
  endif()
endif()
