#!/usr/bin/env bash
# Fails when a C++ file of the repository (tracked or new, not ignored) differs from .clang-format.
# Fix with `make format`, or `clang-format -i FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' '*.h' |
  while read -r f; do [ -f "$f" ] && echo "$f"; done)
if ! out=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); then
  grep -E '^[^ ].*: error:' <<<"$out" | cut -d: -f1 | sort -u | sed 's/^/check-format: differs from .clang-format: /' >&2
  exit 1
fi
echo "check-format: ${#files[@]} files match .clang-format ($(clang-format --version | grep -oE '[0-9]+\.[0-9.]+' | head -1))"
