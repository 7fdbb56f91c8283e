#!/usr/bin/env bash
# Sets up and runs every test: installs the Debian packages, builds, prepares the debian image tar, runs all test
# projects (unit tests, and integration tests against the real kernel, which need root), and ends with one line
# "N passed, N failed, N skipped". Exits non-zero on any failure.
#   sudo scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Isolation: then one round only]
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
CONFIGURATION=Debug scripts/build.sh || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
scripts/build-debian-image.sh --tar-only || echo "test.sh: the debian tar could not be built; the debian test will fail" >&2
scripts/build-vm-image.sh --tar-only || echo "test.sh: the vm image could not be built; the VM tests will fail" >&2
scripts/build-emulation-image.sh --tar-only || echo "test.sh: the emulation image could not be built; lab 9's test will fail" >&2

results=TestResults
rm -rf "$results"
: > "$results.log"
status=0
# Two rounds on this machine: the browser tests wait on the page following the kernel, so they run on their own after
# the others instead of sharing two cores with the integration tests' sandboxes. Then a third on cgroup v2, in a guest
# (scripts/test-cgroup-v2.sh --smoke); the tests that only a v2 machine can run (CgroupV2Guest) are left to it.
rounds=("--filter FullyQualifiedName!~ContainerLab.EndToEnd&FullyQualifiedName!~CgroupV2Guest" "--filter FullyQualifiedName~ContainerLab.EndToEnd")
v2_round=true
pg_round=true
[[ " $* " == *" --filter"* ]] && rounds=("--nologo") && v2_round=false && pg_round=false
# A hung test must not hang the run (CI stops it at 90 minutes and prints nothing useful): one test may take 10
# minutes, after which its test host is killed and the run names it (blame's "aborted" lines), and a round that still
# has not ended in 40 minutes is stopped; either way the run fails and the summary below is printed. dotnet test writes
# to a file, not a pipe: a process a test left behind that still holds the pipe would keep the pipe open after dotnet
# test ended, and the run would wait for it forever; tail follows the file until dotnet test has ended.
run_round() { # run_round [VAR=VALUE ...] -- DOTNET TEST ARGUMENTS
  local environment=()
  while [ "$1" != "--" ]; do environment+=("$1"); shift; done
  shift
  local round_log round_pid round_status
  round_log=$(mktemp "/tmp/containerlab-test-round.XXXXXX")
  timeout --kill-after=60s 40m env "${environment[@]}" \
    dotnet test --no-build -c Debug --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
      --blame-hang --blame-hang-timeout 10m --blame-hang-dump-type none \
      "$@" > "$round_log" 2>&1 < /dev/null &
  round_pid=$!
  tail -n +1 -f --pid="$round_pid" "$round_log" \
    | grep -E --line-buffered "^\s*(Passed|Failed|Skipped) |\[FAIL\]|Error Message|^(Passed|Failed)!|error|aborted|hang|The active test"
  wait "$round_pid"
  round_status=$?
  cat "$round_log" >> "$results.log"
  rm -f "$round_log"
  [ "$round_status" -eq 124 ] && echo "test.sh: a test round did not end within 40 minutes and was stopped; see $results.log" >&2
  [ "$round_status" -eq 0 ] || status=$round_status
}

for round in "${rounds[@]}"; do
  # shellcheck disable=SC2086 # a round is several arguments
  run_round -- ContainerLab.sln $round "$@"
done

# The web's tests again with PostgreSQL as the database (a server of this run's own), as a school that sets
# ContainerLab:Database:Provider=PostgreSql runs it: the same tests, so both providers are held to them.
if $pg_round; then
  source scripts/lib/postgres-test-server.sh
  if pg_test_start; then
    run_round CONTAINERLAB_TEST_DATABASE=postgresql "CONTAINERLAB_TEST_POSTGRES=$PG_TEST_CONNECTION" -- tests/ContainerLab.Web.Tests
    pg_test_stop
  else
    echo "test.sh: the PostgreSQL test server did not start; the PostgreSQL round fails" >&2
    status=1
  fi
fi

if $v2_round; then
  timeout --kill-after=60s 30m scripts/test-cgroup-v2.sh --smoke --results "$results" > "$results.v2.log" 2>&1 < /dev/null
  v2_status=$?
  grep -E "^\s*(Passed|Failed|Skipped) |Error Message|^test-cgroup-v2.sh|^clab-v2-guest" "$results.v2.log"
  cat "$results.v2.log" >> "$results.log"
  [ "$v2_status" -eq 0 ] || status=$v2_status
fi

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$((total + $(attr total))); passed=$((passed + $(attr passed))); failed=$((failed + $(attr failed)))
done
skipped=$((total - passed - failed))
# Name every failed test with the first lines of its message just above the summary, so a log that shows only its
# tail still says what failed.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*" [^>]*outcome="Failed"' "$trx"
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    lines = (message.text or "").strip().splitlines() if message is not None else []
    print("FAILED " + r.get("testName") + ": " + " | ".join(lines[:4])[:600])
PY
done
# A test host blame killed leaves a sequence file in which the test that hung is the one not completed: name it, count it.
for sequence in "$results"/*/Sequence_*.xml; do
  [ -f "$sequence" ] || continue
  for hung in $(grep -o '<Test Name="[^"]*"[^>]*Completed="False"' "$sequence" | sed 's/<Test Name="\([^"]*\)".*/\1/'); do
    echo "FAILED $hung: hung; its test host was killed after 10 minutes, and the tests after it in that assembly did not run"
    failed=$((failed + 1))
  done
done
if [ "$total" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1)) # the run itself broke (build, crash, no tests): count it, never pass silently
  echo "test.sh: dotnet test exited with $status; see $results.log" >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
