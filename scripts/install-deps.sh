#!/usr/bin/env bash
# Installs every build, test and demo dependency of groundwork from Debian's archive.
# Idempotent: only packages that are missing are installed, and apt is updated only then.
set -euo pipefail
packages=(
  build-essential cmake make pkg-config git
  nlohmann-json3-dev libcli11-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libgdal-dev libproj-dev libgeographiclib-dev
  libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev
  osmium-tool
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
