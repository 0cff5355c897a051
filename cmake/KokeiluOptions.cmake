# Build options and the INTERFACE targets every engine module links.
option(KOKEILU_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(KOKEILU_BUILD_TESTS "Build the unit tests" ON)
option(KOKEILU_BUILD_BENCHMARKS "Build the Google Benchmark programs" ON)
option(KOKEILU_BUILD_FUZZERS "Build the libFuzzer harness in tests/fuzz (clang; implies KOKEILU_SANITIZE)" OFF)
if(KOKEILU_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KOKEILU_BUILD_FUZZERS needs clang (CXX=clang++): libFuzzer is part of clang")
  endif()
  set(KOKEILU_SANITIZE ON)
endif()

add_library(kokeilu_warnings INTERFACE)
add_library(kokeilu::warnings ALIAS kokeilu_warnings)
target_compile_options(kokeilu_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)

# Results must be the same bits in every build: no fast-math, no FMA contraction that the
# optimiser may apply in one build and not another, one exp implementation (glibc's).
add_library(kokeilu_fp INTERFACE)
add_library(kokeilu::fp ALIAS kokeilu_fp)
target_compile_options(kokeilu_fp INTERFACE -ffp-contract=off -fno-fast-math)

# AddressSanitizer + UndefinedBehaviorSanitizer, per target: every engine module, test and the
# CLI link kokeilu::sanitize (empty unless KOKEILU_SANITIZE). A separate build directory
# (tools/setup --sanitize -> build-sanitize/); tools/test runs the C++ tests there too.
add_library(kokeilu_sanitize INTERFACE)
add_library(kokeilu::sanitize ALIAS kokeilu_sanitize)
if(KOKEILU_SANITIZE)
  target_compile_options(kokeilu_sanitize INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(kokeilu_sanitize INTERFACE -fsanitize=address,undefined)
  if(KOKEILU_BUILD_FUZZERS)  # coverage for the fuzzer; its main comes with the harness only
    target_compile_options(kokeilu_sanitize INTERFACE -fsanitize=fuzzer-no-link)
  endif()
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
