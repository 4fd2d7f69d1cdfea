#!/usr/bin/env bash
# Load run for voice agents: N concurrent conversations against a freshly published CleanAgent on this machine, every
# provider the instant fake OpenAI API (tools/CallSimulator fake-openai). Each call: greeting, 1.2 s of speech-like
# caller audio, an answer, silence, hang-up. Prints the simulator's report, the server's share of turn latency (end of
# the caller's turn — which is EndpointingDelay after their last speech, so that delay is not in it — to the first
# agent audio frame, minus the providers' own STT, LLM-first-token and TTS-first-byte time) p50/p99 over every turn,
# and the server's CPU per call-second and memory per call.
#   tools/CallSimulator/voice-load-test.sh [calls=50] [ramp-seconds=5]
set -euo pipefail
calls=${1:-50}; ramp=${2:-5}; port=${PORT:-5081}; fake_port=${FAKE_PORT:-5097}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill "${server:-}" "${fake:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export ConnectionStrings__Default="Data Source=$work/load.db" Logging__LogLevel__Default=Warning
export Voice__Llm__BaseUrl="http://127.0.0.1:$fake_port/v1" Voice__Stt__BaseUrl="http://127.0.0.1:$fake_port/v1" Voice__Tts__BaseUrl="http://127.0.0.1:$fake_port/v1"

source "$repo/tools/CallSimulator/measuring-setup.sh"
publish_server_and_simulator
cat > "$work/agent.json" <<'JSON'
{"nodes": [
  {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
   "data": {"name": "Start", "prompt": "Answer briefly.", "greeting": "Hello, this is the load test."}},
  {"id": "end", "type": "endCall", "position": {"x": 300, "y": 0}, "data": {"name": "End", "prompt": "Say goodbye."}}],
 "edges": [{"id": "e1", "source": "start", "target": "end", "data": {"label": "Done", "condition": "The caller is done"}}]}
JSON
python3 - "$work/say.wav" <<'PY'
import math, struct, sys, wave
rate, seconds = 8000, 1.2
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    frames = bytearray()
    for i in range(int(rate * seconds)):
        t = i / rate; syllable = (t % 0.2) / 0.2
        env = math.sin(math.pi * syllable / 0.85) if syllable < 0.85 else 0.02
        v = sum(math.sin(2 * math.pi * 120 * (h + 1) * t) / (h + 1) for h in range(20)) * env * 6000 / 3
        frames += struct.pack("<h", max(-32768, min(32767, int(v))))
    w.writeframes(bytes(frames))
PY
create_organization Load $((calls + 10))
agent=$(admin create-agent --organization "$org" --name Voice --kind voice --definition "$work/agent.json" | field agentUuid)

dotnet "$work/sim/CleanAgent.CallSimulator.dll" fake-openai --port "$fake_port" --transcript "What time is it?" --reply "It is nine. Anything else?" > "$work/fake.log" 2>&1 & fake=$!
start_server
sim() { dotnet "$work/sim/CleanAgent.CallSimulator.dll" call --url "ws://127.0.0.1:$port" --agent "$agent" --api-key "$key" \
          --say-wav "$work/say.wav" --say-after 3 --hold-seconds 6 "$@"; }
sim --calls 5 > /dev/null # warm-up: JIT and connection pools, not measured (its runs are left out below)
warm=$(admin list-runs --agent "$agent" | python3 -c "import json,sys; d=json.load(sys.stdin); d=d if isinstance(d,list) else d.get('runs',d.get('items',[])); print(' '.join(r['name'] for r in d))")

ticks() { awk '{print $14+$15}' "/proc/$server/stat"; }
rss() { awk '/VmRSS/{print $2}' "/proc/$server/status"; }
idle=$(rss); cpu0=$(ticks); start=$(date +%s.%N)
( peak=0; while kill -0 "$server" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$work/peak"; sleep 0.5; done ) & sampler=$!
sim --calls "$calls" --ramp-seconds "$ramp"
cpu1=$(ticks); end=$(date +%s.%N); kill $sampler 2>/dev/null || true
call_seconds=$(python3 -c "print(3 + 1.2 + 6 + 0.2)")

admin list-runs --agent "$agent" > "$work/runs.json"
python3 - "$work/runs.json" "$warm" "$work/server/CleanAgent.Web.dll" <<'PY'
import json, subprocess, sys
runs = json.load(open(sys.argv[1])); runs = runs if isinstance(runs, list) else runs.get("runs", runs.get("items", []))
warm = set(sys.argv[2].split())
server, total, turns = [], [], 0
for run in runs:
    if run["name"] in warm: continue
    details = json.loads(subprocess.run(["dotnet", sys.argv[3], "admin", "get-run", "--id", run["name"]], capture_output=True, text=True, check=True).stdout)
    for latency in details["latency"]:
        turns += 1; server.append(latency["serverMs"]); total.append(latency["totalMs"])
def pct(values, p):
    values = sorted(values); return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
print(f"agent turns measured {turns}")
print(f"turn latency total   p50 {pct(total, 50)} ms  p99 {pct(total, 99)} ms  (end of caller turn -> first agent audio; EndpointingDelay 500 ms not included)")
print(f"server share         p50 {pct(server, 50)} ms  p99 {pct(server, 99)} ms  (total minus STT, LLM first token, TTS first byte)")
PY
python3 - "$cpu0" "$cpu1" "$(getconf CLK_TCK)" "$start" "$end" "$idle" "$(cat "$work/peak")" "$calls" "$call_seconds" <<'PY'
import sys
cpu0, cpu1, tck, t0, t1, idle, peak, calls, seconds = sys.argv[1:]
cpu = (float(cpu1) - float(cpu0)) / float(tck); wall = float(t1) - float(t0)
print(f"server CPU           {cpu:.1f} s over {wall:.1f} s ({cpu / wall:.2f} cores on average)")
print(f"per call-second      {cpu / (int(calls) * float(seconds)) * 1000:.2f} ms CPU")
print(f"server memory (RSS)  {int(idle) / 1024:.0f} MB warm idle, {int(peak) / 1024:.0f} MB peak, {(int(peak) - int(idle)) / int(calls):.0f} KB per call")
PY
