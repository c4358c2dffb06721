// `npm test`: install what is missing, then lint, typecheck, build and run every
// test (unit, integration, end-to-end), ending with one summary line.
// `npm test -- <vitest filters>` runs just the matching tests.
import { accessSync, constants, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, ensureDependencies, ROOT, run, say } from "./lib.mjs";

/** System programs the suite drives for real, and the Debian package that provides each. */
const SYSTEM_PROGRAMS = [
  {
    program: "chromium",
    paths: ["/usr/bin/chromium"],
    debianPackage: "chromium",
    why: "the end-to-end tests drive the kiosk UI in it",
  },
  {
    program: "mosquitto",
    paths: ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"],
    debianPackage: "mosquitto",
    why: "the uplink tests run against a real broker",
  },
  {
    program: "socat",
    paths: ["/usr/bin/socat"],
    debianPackage: "socat",
    why: "the device tests use pseudo-terminal pairs",
  },
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function missingSystemPrograms() {
  const onPath = (process.env.PATH ?? "").split(":").filter(Boolean);
  return SYSTEM_PROGRAMS.filter(
    ({ program, paths }) =>
      ![...paths, ...onPath.map((dir) => join(dir, program))].some(executable),
  );
}

const missing = missingSystemPrograms();
if (missing.length > 0) {
  for (const { program, debianPackage, why } of missing)
    say(`linli: missing ${program} (Debian package "${debianPackage}"): ${why}.`);
  say(
    `linli: install them with: sudo apt-get install ${missing.map((m) => m.debianPackage).join(" ")}`,
  );
  say("linli: 0 passed, 1 failed");
  process.exit(1);
}

ensureDependencies();

const filters = process.argv.slice(2);
const steps = [];
const step = (name, command, args, options) => {
  say(`\nlinli: ${name}…`);
  const status = run(command, args, options);
  steps.push({ name, ok: status === 0 });
};
const node = process.execPath;
const bin = (path) => join(ROOT, "node_modules", path);

if (filters.length === 0) {
  step("lint and format check (Biome)", node, [bin("@biomejs/biome/bin/biome"), "ci", "."]);
  step("typecheck", node, [bin("typescript/bin/tsc"), "-p", "tsconfig.check.json"]);
  step("typecheck kiosk-ui", node, [bin("typescript/bin/tsc"), "-p", "kiosk-ui/tsconfig.json"]);
  step("typecheck end-to-end tests", node, [bin("typescript/bin/tsc"), "-p", "tsconfig.e2e.json"]);
}
ensureBuilt();

const report = join(ROOT, "node_modules", ".cache", "linli", "vitest-report.json");
rmSync(report, { force: true });
step("tests (unit, integration, end-to-end)", node, [
  bin("vitest/vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...filters,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A file that fails to load has no tests to count; it is still a failure.
  failed += results.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
}
const failedSteps = steps.filter((s) => !s.ok && !s.name.startsWith("tests"));
for (const s of failedSteps) say(`linli: ${s.name} failed`);
failed += failedSteps.length;
if (!existsSync(report) && steps.at(-1)?.ok === false) failed += 1;
if (passed + failed === 0) {
  say("linli: no test ran");
  failed = 1;
}
say(`\nlinli: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 && steps.every((s) => s.ok) ? 0 : 1);
