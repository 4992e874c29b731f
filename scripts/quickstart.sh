#!/bin/sh
# Sets up and runs segment on the bundled example: installs missing dependencies, builds,
# then prints the TSV of examples/berita.txt normalized with the bundled glossary.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/segment --glossary glossary/id-en.yaml --header --columns doc,para,sent,text,terms examples/berita.txt
