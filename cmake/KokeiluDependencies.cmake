# Every dependency is a Debian bookworm package installed by tools/setup.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(TBB REQUIRED)
find_package(yaml-cpp REQUIRED)           # target: yaml-cpp (not namespaced in 0.7)
find_package(HDF5 REQUIRED COMPONENTS C HL)  # Debian ships no HDF5 CMake config: FindHDF5
find_package(Threads REQUIRED)
# Boost.Math (header-only: the t quantile in engine/compare/effects.cpp), Debian libboost-dev.
find_package(Boost 1.74 REQUIRED CONFIG)  # target: Boost::headers
# The command line (engine/cli): CLI11 for options and help, fmt for tables. Debian libcli11-dev, libfmt-dev.
find_package(CLI11 2.1 CONFIG)
if(NOT CLI11_FOUND)
  message(FATAL_ERROR "CLI11 not found: install Debian's libcli11-dev (tools/setup does)")
endif()
find_package(fmt 9 CONFIG)
if(NOT fmt_FOUND)
  message(FATAL_ERROR "fmt not found: install Debian's libfmt-dev (tools/setup does)")
endif()

# NLopt (Debian libnlopt-cxx-dev): the optimiser of `kokeilu calibrate`. Debian ships two configs
# named NLopt (C and C++ builds); nlopt.hpp is header-only over the C API, so either one serves.
find_package(NLopt CONFIG)
if(TARGET NLopt::nlopt_cxx)
  set(KOKEILU_NLOPT_TARGET NLopt::nlopt_cxx)
elseif(TARGET NLopt::nlopt)
  set(KOKEILU_NLOPT_TARGET NLopt::nlopt)
else()
  message(FATAL_ERROR "NLopt not found: install Debian's libnlopt-cxx-dev (tools/setup does)")
endif()

# Random123 is header-only and has no CMake config.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(random123 INTERFACE)
target_include_directories(random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})

# FindHDF5 puts static libpthread.a/libdl.a into HDF5_LIBRARIES: use the imported target.
if(NOT TARGET hdf5::hdf5)
  message(FATAL_ERROR "FindHDF5 did not define hdf5::hdf5")
endif()
# Output files carry dimension scales (H5DS, in the high-level library libhdf5_hl): whoever links
# HDF5 links it too.
if(NOT TARGET hdf5::hdf5_hl)
  message(FATAL_ERROR "FindHDF5 did not define hdf5::hdf5_hl")
endif()
set_property(TARGET hdf5::hdf5 APPEND PROPERTY INTERFACE_LINK_LIBRARIES hdf5::hdf5_hl)

if(KOKEILU_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
if(KOKEILU_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# MPI (Debian libopenmpi-dev, openmpi-bin): `mpirun -n K kokeilu sweep ...` spreads a sweep's
# points over the ranks (engine/parallel, the only module that includes mpi.h). On by default
# when found; OFF builds a kokeilu that always runs as one process.
find_package(MPI COMPONENTS C QUIET)
option(KOKEILU_MPI "Spread sweeps over the ranks of an MPI job (Open MPI)" ${MPI_C_FOUND})
if(KOKEILU_MPI AND NOT MPI_C_FOUND)
  message(FATAL_ERROR "KOKEILU_MPI is ON but CMake found no MPI: install libopenmpi-dev and openmpi-bin "
                      "(tools/setup does), or configure with -DKOKEILU_MPI=OFF")
endif()
