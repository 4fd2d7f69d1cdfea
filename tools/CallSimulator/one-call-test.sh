#!/usr/bin/env bash
# Idle and one call: how much of a core a freshly published CleanAgent takes with no call up, and with one echo call.
# Warms the server with a 30 s call first (the JIT's tiers settle over the first call), then measures 20 s of idle
# and 40 s in the middle of a 60 s call, from /proc: the server's CPU, its context switches a second, and per thread.
#   tools/CallSimulator/one-call-test.sh
set -euo pipefail
port=${PORT:-5083}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill "${server:-}" "${call:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export ConnectionStrings__Default="Data Source=$work/load.db" Logging__LogLevel__Default=Warning

source "$repo/tools/CallSimulator/measuring-setup.sh"
publish_server_and_simulator
create_organization OneCall 10
agent=$(admin create-agent --organization "$org" --name Echo --kind echo | field agentUuid)

start_server
sim() { dotnet "$work/sim/CleanAgent.CallSimulator.dll" call --url "ws://127.0.0.1:$port" --agent "$agent" --api-key "$key" --tone 440 "$@"; }
sim --calls 1 --seconds 30 > /dev/null # warm-up, not measured

# Per thread: name, CPU nanoseconds (schedstat), context switches (voluntary + involuntary).
threads() {
  for t in /proc/"$server"/task/*; do
    echo "$(basename "$t") $(tr ' ' '_' < "$t/comm") $(cut -d' ' -f1 "$t/schedstat") $(awk '/ctxt_switches/ {s += $2} END {print s}' "$t/status")"
  done | sort
}
measure() { # seconds label: the process's CPU from its stat (clock ticks), and the threads' picture
  threads > "$work/t0"; local c0; c0=$(awk '{print $14 + $15}' "/proc/$server/stat")
  sleep "$1"
  threads > "$work/t1"; local c1; c1=$(awk '{print $14 + $15}' "/proc/$server/stat")
  join "$work/t0" "$work/t1" | python3 -c '
import sys
seconds, label, c0, c1, tck = float(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [l.split() for l in sys.stdin]
switches = sum(int(r[6]) - int(r[3]) for r in rows) / seconds
print(f"{label:<9} {(c1 - c0) / tck / seconds * 100:.2f} % of a core, {switches:.0f} context switches a second")
for r in sorted(rows, key=lambda r: int(r[2]) - int(r[5]))[:6]:
    ms = (int(r[5]) - int(r[2])) / 1e6 / seconds
    if ms >= 0.05: print(f"  {r[1]:<24} {ms:6.2f} ms a second, {(int(r[6]) - int(r[3])) / seconds:5.0f} switches a second")
' "$1" "$2" "$c0" "$c1" "$(getconf CLK_TCK)"
}

sleep 10; measure 20 idle
sim --calls 1 --seconds 60 > "$work/call.txt" & call=$!
sleep 12; measure 40 "one call"
wait "$call"
echo "== the call"; grep -E "close codes|received-frame|echo delay|frames" "$work/call.txt"
