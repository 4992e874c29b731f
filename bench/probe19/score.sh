#!/usr/bin/env bash
# Score a segment binary on the pages in this folder: bench/score-pages.sh with this folder.
# usage: bench/probe19/score.sh path/to/segment [-v]
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../score-pages.sh" "$here" "$@"
