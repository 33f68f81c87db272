#!/usr/bin/env bash
# clang-tidy (the repository's .clang-tidy) on the C++ files changed since the commit recorded in
# .ci/tidy-base: committed, staged, unstaged and new files under src/ and tests/. A changed .cpp is
# checked as it is compiled; a changed header under src/ through the file that includes it alone
# (target header_check, tests/CMakeLists.txt). Any finding fails the check.
# usage: check-tidy.sh [--all] [BUILD_DIR]   (default build/test, configured with the test preset)
#   --all: every .cpp of src/ and tests/ and every header of src/, whatever changed.
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
if [ "${1:-}" = --all ]; then
  all=1
  shift
fi
build=${1:-build/test}
jobs=${JOBS:-$(nproc)}
db=$build/compile_commands.json
[ -f "$db" ] || { echo "check-tidy: no $db; run 'cmake --preset test' first" >&2; exit 1; }

if [ $all = 1 ]; then
  mapfile -t changed < <(git ls-files --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')
  what="the whole tree"
else
  base=$(grep -m1 -oE '^[0-9a-f]{40}' .ci/tidy-base)
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    # A shallow clone lacks it: checking nothing would pass whatever changed.
    echo "check-tidy: base commit $base (.ci/tidy-base) is not in this clone; fetch the history (git fetch --unshallow)" >&2
    exit 1
  fi
  from=$(git merge-base "$base" HEAD)
  mapfile -t changed < <({
    git diff --name-only --diff-filter=d "$from" -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp'
    git ls-files --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp'
  } | sort -u)
  what="the files changed since ${base:0:7}"
fi

units=()
for f in "${changed[@]}"; do
  case "$f" in
    src/*.hpp) u=$build/tests/header_check/${f#src/} u=${u%.hpp}.cpp ;;
    *) u=$PWD/$f ;;
  esac
  if ! grep -qF "\"file\": \"$(realpath -m "$u")\"" "$db"; then
    echo "check-tidy: $f is not in $db (reconfigure: cmake --preset test)" >&2
    exit 1
  fi
  units+=("$(realpath -m "$u")")
done
if [ ${#units[@]} = 0 ]; then
  echo "check-tidy: no C++ file changed since ${base:0:7}"
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# -Wno-unknown-warning-option: compile_commands.json holds GCC's flags (-Wno-maybe-uninitialized).
if printf '%s\n' "${units[@]}" |
  xargs -P "$jobs" -n 1 clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option \
    >"$log" 2>&1; then
  echo "check-tidy: ${#units[@]} files ($what), no findings"
else
  grep -E '(warning|error):' "$log" | sort -u >&2 || cat "$log" >&2
  echo "check-tidy: findings in $what (${#units[@]} files checked)" >&2
  exit 1
fi
