#!/usr/bin/env bash
# The full test suite: lint, unit, integration (real Kafka/Postgres/Redis) and end-to-end
# (the four apps as processes). Idempotent: installs and starts only what is missing.
source "$(dirname "$0")/lib.sh"

ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL

rm -rf tmp/jest && mkdir -p tmp/jest
log "build, lint and test every project"
status=0
npx nx run-many -t build lint test --outputStyle=stream --skipNxCache || status=$?
# The build configs leave the specs out and jest does not type-check them: check them here.
log "type-check everything, specs included"
npx tsc -p tsconfig.json --noEmit || status=$?

# One closing line for whoever reads the log: counted over every project's jest run.
node -e '
const fs = require("fs");
let passed = 0, failed = 0, suites = 0;
for (const file of fs.readdirSync("tmp/jest")) {
  const r = JSON.parse(fs.readFileSync(`tmp/jest/${file}`, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; suites += r.numTotalTestSuites;
  // Name each failure and its first lines here: the per-project output scrolls away in CI logs.
  for (const suite of r.testResults) {
    const failures = suite.assertionResults.filter((t) => t.status === "failed");
    if (failures.length === 0 && suite.status === "failed") failures.push({ fullName: "(suite did not run)", failureMessages: [suite.message] });
    for (const t of failures) {
      console.log(`\nFAILED ${file.replace(/\.json$/, "")}: ${suite.name.replace(process.cwd() + "/", "")} › ${t.fullName}`);
      console.log(t.failureMessages.join("\n").split("\n").slice(0, 12).map((l) => "  " + l).join("\n"));
    }
  }
}
console.log(`\n${suites} test suites`);
console.log(`${passed} passed, ${failed} failed`);
if (passed === 0) process.exitCode = 1;
' || status=1
# The fault suite's short version (scripts/chaos.sh --short): faults under load on the 3-broker
# cluster; its summary here, the full output in tmp/chaos/short.log, figures in tmp/chaos/report.json.
# One fixed fault plan (seed) unless CHAOS_SEED says otherwise, so a red run replays as it was;
# scripts/chaos.sh on its own draws a new plan each run.
log "fault suite, short (scripts/chaos.sh --short)"
mkdir -p tmp/chaos
CHAOS_SEED="${CHAOS_SEED:-11}" CHAOS_SKIP_BUILD=1 scripts/chaos.sh --short >tmp/chaos/short.log 2>&1 || status=1
sed -n '/^chaos short:/,$p' tmp/chaos/short.log | grep . || tail -20 tmp/chaos/short.log
exit $status
