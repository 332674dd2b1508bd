#!/usr/bin/env bash
# Runs the official oso-cloud Node client's compatibility tests against `oso serve`:
# builds oso.jar (offline), starts it on a free loopback port, runs `npm install` and the
# node:test suite in compat/node, then stops the server. Exit code: that of the tests.
# OSO_STORE picks the server's fact store (default memory), e.g. OSO_STORE='jdbc:h2:mem:compat'.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
key="e_0123456789_12345_osotesttoken01xiIn"

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  (cd "$root" && mvn -B -o -q -pl oso-cli -am package -DskipTests)
fi
jar="$root/oso-cli/target/oso.jar"
[[ -f "$jar" ]] || { echo "run.sh: $jar is missing" >&2; exit 2; }

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
log="$(mktemp -t oso-serve.XXXXXX.log)"
java -jar "$jar" serve --host 127.0.0.1 --port "$port" --api-key "$key" \
  --store "${OSO_STORE:-memory}" >"$log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if node -e "fetch('$url/api/healthcheck').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: oso serve exited early:" >&2
    cat "$log" >&2
    exit 2
  fi
  sleep 0.1
done
echo "run.sh: oso serve is up at $url (log: $log)"

cd "$here/node"
npm install --no-package-lock --no-audit --no-fund --silent
OSO_URL="$url" OSO_AUTH="$key" npm test
