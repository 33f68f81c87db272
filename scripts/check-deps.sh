#!/usr/bin/env bash
# Checks the module graph against the sources (docs/developing.md, "Modules").
#  - src: each module under src/<name> is declared by one gw_module(...) in src/CMakeLists.txt, and
#    the modules and third-party libraries its files #include are exactly its DEPS and LIBS /
#    PRIVATE_LIBS (no more, no fewer); a PRIVATE_LIBS library is included by no header of it but
#    its private ones (*_internal.hpp), which no other module includes.
#  - tests/<module> and bench/: each program links every module whose headers its files include.
# Prints every mismatch and exits 1 when there is one. Needs only bash, grep, sed and sort.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
fail() {
  echo "check-deps: $*" >&2
  status=1
}

# The call `fn(...)` of each line-spanning CMake command named $1 in file $2, one per output line,
# with comments dropped and whitespace squeezed.
calls() {
  sed -e 's/#.*$//' "$2" | tr '\n' ' ' | grep -oE "(^|[^A-Za-z_])$1\([^)]*\)" |
    sed -E "s/^[^A-Za-z_]?$1\(//; s/\)$//; s/[[:space:]]+/ /g; s/^ //; s/ $//"
}

# The third-party library a system header of the form <path> belongs to (empty: the standard
# library or the C library, which need no declaration).
external_of() {
  case "$1" in
    boost/*) echo Boost::headers ;;
    nlohmann/*) echo nlohmann_json::nlohmann_json ;;
    gdal*.h | ogr*.h | cpl_*.h) echo GDAL::GDAL ;;
    osmium/* | protozero/*) echo gw_osmium ;;
    CLI/*) echo CLI11::CLI11 ;;
    gtest/* | gmock/*) echo GTest ;;
    benchmark/*) echo benchmark::benchmark ;;
    GeographicLib/*) echo GeographicLib ;;
    httplib.h) echo PkgConfig::HTTPLIB ;;
    sqlite3.h) echo SQLite::SQLite3 ;;
    unzip.h | zip.h | ioapi.h) echo PkgConfig::MINIZIP ;;
    mpi.h) echo MPI::MPI_CXX ;;
    # std::thread needs the threads library; the other headers of the standard library do not.
    thread) echo Threads::Threads ;;
  esac
}

# The modules (first path component of "module/file.hpp") the files under $@ include.
modules_included() {
  grep -rhoE '^#include "[A-Za-z_0-9]+/' "$@" 2>/dev/null | sed -E 's/^#include "//; s/\/$//' |
    sort -u || true
}
externals_included() {
  grep -rhoE '^#include <[^>]+>' "$@" 2>/dev/null | sed -E 's/^#include <//; s/>$//' | sort -u |
    while read -r h; do external_of "$h"; done | sort -u || true
}

# "a b c" minus "b": the words of $1 that are not in $2.
minus() {
  comm -23 <(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -u) <(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort -u) |
    tr '\n' ' ' | sed 's/ $//'
}

# --- src/<module> against src/CMakeLists.txt ---------------------------------------------------
declared=()
while read -r call; do
  set -- $call
  name=$1
  shift
  deps="" libs="" private_libs="" key=""
  for w in "$@"; do
    case "$w" in
      DEPS | LIBS | PRIVATE_LIBS | PROGRAM) key=$w ;;
      *) case "$key" in
        DEPS) deps+=" $w" ;;
        LIBS) libs+=" $w" ;;
        PRIVATE_LIBS) private_libs+=" $w" ;;
        PROGRAM) ;;
        *) fail "src/CMakeLists.txt: gw_module($name ...): '$w' before any keyword" ;;
      esac ;;
    esac
  done
  declared+=("$name")
  dir=src/$name
  if [ ! -d "$dir" ]; then
    fail "src/CMakeLists.txt declares module $name but $dir does not exist"
    continue
  fi
  inc=$({ modules_included "$dir" | grep -vx "$name" || true; } | tr '\n' ' ')
  for m in $inc; do
    [ -d "src/$m" ] || fail "$dir includes \"$m/...\", which is no module under src/"
  done
  missing=$(minus "$inc" "$deps")
  extra=$(minus "$deps" "$inc")
  [ -z "$missing" ] || fail "$dir includes modules its DEPS do not declare: $missing" \
    "($(grep -rlE "^#include \"($(tr ' ' '|' <<<"$missing"))/" "$dir" | tr '\n' ' '))"
  [ -z "$extra" ] || fail "$dir declares DEPS it never includes: $extra"
  ext=$(externals_included "$dir" | tr '\n' ' ')
  missing=$(minus "$ext" "$libs $private_libs")
  extra=$(minus "$libs $private_libs" "$ext")
  [ -z "$missing" ] || fail "$dir includes libraries its LIBS do not declare: $missing"
  [ -z "$extra" ] || fail "$dir declares LIBS it never includes: $extra"
  # A private header (*_internal.hpp) is for the module's own files and may include them.
  if [ -n "$private_libs" ]; then
    headers=$(find "$dir" -name '*.hpp' ! -name '*_internal.hpp')
    if [ -n "$headers" ]; then
      exposed=$(minus "$private_libs" "$(minus "$private_libs" "$(externals_included $headers)")")
      [ -z "$exposed" ] || fail "$dir: a header includes $exposed, declared PRIVATE_LIBS"
    fi
  fi
done < <(calls gw_module src/CMakeLists.txt)

# A private header is included by its own module only (tests may include it).
for h in $(find src -name '*_internal.hpp' | sort); do
  m=$(cut -d/ -f2 <<<"$h")
  users=$(grep -rlF "#include \"${h#src/}\"" src | grep -v "^src/$m/" || true)
  [ -z "$users" ] || fail "$h is private to src/$m but included by: $(tr '\n' ' ' <<<"$users")"
done

for dir in src/*/; do
  m=$(basename "$dir")
  [[ " ${declared[*]} " == *" $m "* ]] || fail "src/$m is not declared in src/CMakeLists.txt"
done

# --- tests and benchmarks: each program links what it includes ---------------------------------
# The gw_ modules of a program: the arguments of its declaration plus its target_link_libraries.
linked_modules() {
  { echo "$2"; calls target_link_libraries "$1" | grep -E "^$3 " || true; } | tr ' ' '\n' |
    grep -E '^gw_' | sed 's/^gw_//' | sort -u | tr '\n' ' '
}
check_program() {  # file-or-dir, program name, linked modules
  local missing
  missing=$(minus "$(modules_included "$1" | tr '\n' ' ')" "$3")
  [ -z "$missing" ] || fail "$1 ($2) includes modules it does not link: $missing"
}
while read -r call; do
  set -- $call
  m=$1
  shift
  check_program "tests/$m" "gw_test_$m" "$(linked_modules tests/CMakeLists.txt "$*" "gw_test_$m")"
done < <(calls gw_test_module tests/CMakeLists.txt)
while read -r call; do
  set -- $call
  prog=$1
  [ -f "bench/$prog.cpp" ] || continue
  check_program "bench/$prog.cpp" "$prog" "$(linked_modules bench/CMakeLists.txt "" "$prog")"
done < <(calls add_executable bench/CMakeLists.txt)

if [ $status = 0 ]; then
  echo "check-deps: ${#declared[@]} modules, their #include lines match src/CMakeLists.txt"
fi
exit $status
