#!/usr/bin/env bash
# Runs the README's quick start as a new user would paste it: every ```bash block of the "## Quick start" section,
# in order, in one shell, in a fresh clone of this repository, against a fresh data folder. Fails on the first
# command that fails (and prints which block it was in). Usage: tools/readme-quickstart.sh [README]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
readme="${1:-$repo/README.md}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The blocks, each announced, so a failure names the block it happened in.
script="$work/quickstart.sh"
awk '
  /^## / { in_section = ($0 ~ /^## Quick start/) }
  in_section && /^```bash$/ { in_block = 1; n++; printf "echo \"--- quick start block %d\" >&2\n", n; next }
  in_section && in_block && /^```$/ { in_block = 0; next }
  in_section && in_block { print }
' "$readme" > "$script.body"
blocks=$(grep -c '^echo "--- quick start block' "$script.body" || true)
if [ "$blocks" -eq 0 ]; then
  echo "readme-quickstart: no bash blocks under '## Quick start' in $readme" >&2
  exit 1
fi

{
  echo 'set -euo pipefail'
  # Whatever happens, nothing the quick start started in the background outlives it.
  echo 'trap '\''kill $(jobs -p) 2>/dev/null || true'\'' EXIT'
  cat "$script.body"
} > "$script"

git clone -q "$repo" "$work/clone" 2>/dev/null || { mkdir -p "$work/clone" && git -C "$repo" archive HEAD | tar -x -C "$work/clone"; }
export Database__DataFolder="$work/data"
echo "readme-quickstart: $blocks blocks, in a fresh clone ($work/clone), data folder $Database__DataFolder" >&2
( cd "$work/clone" && bash "$script" ) || { status=$?; echo "readme-quickstart: FAILED (exit $status); the server log, if any:" >&2; tail -n 20 /tmp/cleanagent.log 2>/dev/null >&2 || true; exit "$status"; }
echo "readme-quickstart: passed" >&2
