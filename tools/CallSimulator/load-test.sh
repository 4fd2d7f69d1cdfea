#!/usr/bin/env bash
# Load run: N concurrent echo calls of S seconds against a freshly published CleanAgent on this machine.
# Prints the simulator's report and the server's CPU per call-second and memory per call.
#   tools/CallSimulator/load-test.sh [calls=200] [seconds=60] [ramp-seconds=10]
set -euo pipefail
calls=${1:-200}; seconds=${2:-60}; ramp=${3:-10}; port=${PORT:-5080}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export ConnectionStrings__Default="Data Source=$work/load.db" Logging__LogLevel__Default=Warning

source "$repo/tools/CallSimulator/measuring-setup.sh"
publish_server_and_simulator
create_organization Load $((calls + 10))
agent=$(admin create-agent --organization "$org" --name Echo --kind echo | field agentUuid)

start_server
sim() { dotnet "$work/sim/CleanAgent.CallSimulator.dll" call --url "ws://127.0.0.1:$port" --agent "$agent" --api-key "$key" --tone 440 "$@"; }
sim --calls 10 --seconds 2 > /dev/null # warm-up: JIT and connection pools, not measured

ticks() { awk '{print $14+$15}' "/proc/$server/stat"; }
rss() { awk '/VmRSS/{print $2}' "/proc/$server/status"; }
idle=$(rss); cpu0=$(ticks); start=$(date +%s.%N)
( peak=0; while kill -0 "$server" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$work/peak"; sleep 0.5; done ) & sampler=$!
sim --calls "$calls" --seconds "$seconds" --ramp-seconds "$ramp"
cpu1=$(ticks); end=$(date +%s.%N); kill $sampler 2>/dev/null || true

python3 - "$cpu0" "$cpu1" "$(getconf CLK_TCK)" "$start" "$end" "$idle" "$(cat "$work/peak")" "$calls" "$seconds" <<'PY'
import sys
cpu0, cpu1, tck, t0, t1, idle, peak, calls, seconds = sys.argv[1:]
cpu = (float(cpu1) - float(cpu0)) / float(tck); wall = float(t1) - float(t0)
print(f"server CPU           {cpu:.1f} s over {wall:.1f} s ({cpu / wall:.2f} cores on average)")
print(f"per call-second      {cpu / (int(calls) * int(seconds)) * 1000:.2f} ms CPU")
print(f"server memory (RSS)  {int(idle) / 1024:.0f} MB warm idle, {int(peak) / 1024:.0f} MB peak, {(int(peak) - int(idle)) / int(calls):.0f} KB per call")
PY
