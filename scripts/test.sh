#!/bin/sh
# Builds with warnings as errors and runs the whole test suite (ctest: Criterion unit tests
# per module + end-to-end tests of the binary). SANITIZE=1 builds with ASan+UBSan instead;
# CC=clang selects the compiler. BUILD_DIR overrides the build directory.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
dir=${BUILD_DIR:-build}
san=OFF
[ "${SANITIZE:-0}" = 1 ] && san=ON
cmake -S . -B "$dir" -DSEGMENT_WERROR=ON -DSEGMENT_SANITIZE=$san >/dev/null
cmake --build "$dir" -j"$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j2
