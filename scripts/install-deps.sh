#!/usr/bin/env bash
# Installs every build, test and demo dependency of groundwork from Debian's archive, and the web
# page's npm packages from web/package-lock.json.
# Idempotent: only packages that are missing are installed, and apt is updated only then; `npm ci`
# runs only when web/node_modules does not match the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(
  build-essential cmake make pkg-config git
  nlohmann-json3-dev libcli11-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libgdal-dev libproj-dev libgeographiclib-dev
  libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev
  osmium-tool clang-format clang-tidy
  # groundwork serve: the HTTP library (with the TLS, zlib and brotli headers its pkg-config file
  # asks for), the store, and headless chromium for the browser tests.
  libcpp-httplib-dev libssl-dev libbrotli-dev libsqlite3-dev
  # ZIP uploads (src/io/zip_archive.cpp)
  libminizip-dev
  # `groundwork forecast` under mpirun (src/dist), and its test with mpirun -np 2
  libopenmpi-dev openmpi-bin
  chromium
  # the fuzz targets (libFuzzer, built with clang: scripts/fuzz.sh)
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm build the web page (Vite). Debian 12 has Node 18 and npm 9; a machine with a
# newer Node.js from elsewhere keeps it.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The page's npm packages, exactly as locked. The build never downloads: it runs Vite from here.
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
stamp=web/node_modules/.groundwork-lock-sha256
# The page is optional for everything else: when the npm registry cannot be reached, the build
# goes on without it (CMake then builds no page, `groundwork serve` says so at `/`, and the browser
# test is not registered), and this says so instead of failing `make demo` and `make test`.
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "install-deps: npm ci in web/"
  if (cd web && npm ci --no-audit --no-fund --loglevel=error); then
    echo "$lock_sum" > "$stamp"
  else
    rm -rf web/node_modules
    echo "install-deps: warning: npm ci failed; the web page and its browser test are left out" >&2
  fi
fi
