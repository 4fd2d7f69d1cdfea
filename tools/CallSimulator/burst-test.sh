#!/usr/bin/env bash
# Burst run: do live calls stall while others arrive? A freshly published CleanAgent; LIVE echo calls up (60 s of audio
# each); 10 s in, NEW more calls arrive at 75 a second and BAD connections with a wrong API key arrive over 30 s. The
# live calls' report (their whole length, the ramp included) shows their largest received-frame gap; the echo agent
# answers one second later, so a stall shows as a gap and frames lost.
#   tools/CallSimulator/burst-test.sh [live=200] [new=300] [bad=2000]
set -euo pipefail
live=${1:-200}; new=${2:-300}; bad=${3:-2000}; port=${PORT:-5082}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export ConnectionStrings__Default="Data Source=$work/load.db" Logging__LogLevel__Default=Warning

source "$repo/tools/CallSimulator/measuring-setup.sh"
publish_server_and_simulator
create_organization Burst $((live + new + 10))
agent=$(admin create-agent --organization "$org" --name Echo --kind echo | field agentUuid)

start_server
sim() { dotnet "$work/sim/CleanAgent.CallSimulator.dll" call --url "ws://127.0.0.1:$port" --agent "$agent" --tone 440 "$@"; }
sim --api-key "$key" --calls 10 --seconds 2 > /dev/null # warm-up: JIT and connection pools, not measured

sim --api-key "$key" --calls "$live" --seconds 60 --ramp-seconds 3 > "$work/live.txt" & live_sim=$!
sleep 10
sim --api-key "$key" --calls "$new" --seconds 20 --ramp-seconds "$(( new / 75 ))" > "$work/new.txt" & new_sim=$!
sim --api-key "dg_not_a_key_$RANDOM" --calls "$bad" --seconds 1 --ramp-seconds 30 > "$work/bad.txt" 2>&1 & bad_sim=$!
wait "$new_sim" "$bad_sim" || true
wait "$live_sim" || true
stalls=$(print_outbound_stalls)
echo "== the $live live calls (whole calls, the burst included)"; cat "$work/live.txt"
echo "$stalls (every call, the arriving ones included)"
echo "== the $new arriving calls"; grep -E "calls|close codes|connect-to-admitted|received-frame" "$work/new.txt" || true
echo "== the $bad bad-key connections"; grep -E "calls|close codes" "$work/bad.txt" || true
