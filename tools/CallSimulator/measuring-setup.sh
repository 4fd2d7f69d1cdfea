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
