# Sourced by the measuring scripts (load-test, burst-test, one-call-test, voice-load-test), which set repo, work and
# port first: publishes CleanAgent and the call simulator into $work, and gives them the admin CLI and a server start.
publish_server_and_simulator() {
  dotnet publish "$repo/src/Web" -c Release -o "$work/server" > /dev/null
  dotnet publish "$repo/tools/CallSimulator" -c Release -o "$work/sim" > /dev/null
}
admin() { dotnet "$work/server/CleanAgent.Web.dll" admin "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
create_organization() { # name concurrent-call-limit: sets org and key
  org=$(admin create-organization --name "$1" --concurrent-call-limit "$2" | field id)
  key=$(admin create-api-key --organization "$org" --name "$1" | field apiKey)
}
start_server() { # sets server to its pid, and returns once /health answers
  dotnet "$work/server/CleanAgent.Web.dll" --urls "http://127.0.0.1:$port" > "$work/server.log" 2>&1 & server=$!
  until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.5; done
}
print_outbound_stalls() { # the server's own count (/metrics) of times a call's audio went out after its provider ran dry
  curl -s "http://127.0.0.1:$port/metrics" | awk '
    /^cleanagent_media_outbound_stall_seconds_bucket.*le="0.04"/ { over40 = -$NF }
    /^cleanagent_media_outbound_stall_seconds_bucket.*le="0.1"/  { over100 = -$NF }
    /^cleanagent_media_outbound_stall_seconds_count/ { count = $NF }
    /^cleanagent_media_outbound_stall_seconds_sum/   { sum = $NF }
    END { printf "outbound stalls (server) %d, %.3f s of silence in all; over 40 ms %d, over 100 ms %d\n", count, sum, count + over40, count + over100 }'
}
