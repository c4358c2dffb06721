#!/usr/bin/env node
// Copies what a kiosk runs from a built checkout (or an unpacked tarball) into a folder:
// each workspace's package.json and its published files (dist/, bin/), the kiosk UI's dist/,
// the demo circle, deploy/, and node_modules without the packages only development needs
// (package-lock.json marks them "dev" or "devOptional"). Used by install.sh and make-tarball.sh.
//
//   node deploy/stage-app.mjs SOURCE DEST           copy
//   node deploy/stage-app.mjs --check SOURCE DEST   exit 0 when DEST already holds the same
//                                                   files (names, sizes, times, links)
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from "node:fs";
import { join, relative, sep } from "node:path";

const args = process.argv.slice(2);
const check = args[0] === "--check";
const [source, dest] = check ? args.slice(1) : args;
if (!source || !dest) {
  process.stderr.write("usage: node stage-app.mjs [--check] SOURCE DEST\n");
  process.exit(64);
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const root = readJson(join(source, "package.json"));
const lock = readJson(join(source, "package-lock.json"));

/** Files the agent reads at run time that are not in a workspace's published files. */
const RUNTIME_EXTRAS = ["edge-agent/src/outlets/data/sample-circle.geojson"];
/** What must be there: a checkout that was never built cannot run. */
const BUILT = [
  "edge-agent/dist/cli/main.js",
  "protocols/dist/index.js",
  "kiosk-ui/dist/index.html",
];

const unbuilt = BUILT.filter((path) => !existsSync(join(source, path)));
if (unbuilt.length > 0) {
  process.stderr.write(
    `stage-app: ${source} is not built (missing ${unbuilt.join(", ")}): run "npm run build" first\n`,
  );
  process.exit(66);
}

const devOnly = new Set(
  Object.entries(lock.packages)
    // devOptional: a development package some runtime package could use if present (typescript).
    .filter(([path, entry]) => path !== "" && (entry.dev === true || entry.devOptional === true))
    .map(([path]) => path),
);

/** node_modules entries that are never needed at run time. */
const SKIPPED_IN_NODE_MODULES = new Set([
  ".bin",
  ".cache",
  ".vite",
  ".vitest",
  ".package-lock.json",
]);

function keep(path) {
  const rel = relative(source, path).split(sep).join("/");
  if (rel.endsWith(".tsbuildinfo")) return false;
  const parts = rel.split("/");
  if (parts[0] === "node_modules" && SKIPPED_IN_NODE_MODULES.has(parts[1])) return false;
  return !devOnly.has(rel);
}

/** The top-level paths staged, each filtered by keep(). */
const selection = ["package.json", "package-lock.json", "LICENSE", "README.md"];
for (const workspace of root.workspaces) {
  const manifest = readJson(join(source, workspace, "package.json"));
  selection.push(join(workspace, "package.json"));
  for (const entry of manifest.files ?? ["dist"]) selection.push(join(workspace, entry));
}
selection.push(...RUNTIME_EXTRAS, "deploy", "node_modules");

/** rel path -> what a quick comparison looks at, like rsync's size-and-time check. */
function describe(base, rel, into, filter) {
  const path = join(base, rel);
  if (filter && !filter(path)) return;
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (stats.isSymbolicLink()) into.set(rel, `link ${readlinkSync(path)}`);
  else if (stats.isDirectory()) {
    into.set(rel, "dir");
    for (const name of readdirSync(path)) describe(base, join(rel, name), into, filter);
  } else into.set(rel, { size: stats.size, mtimeMs: stats.mtimeMs });
}

if (check) {
  const wanted = new Map();
  const parents = new Set();
  for (const rel of selection) {
    describe(source, rel, wanted, keep);
    for (let dir = rel.split(sep).slice(0, -1); dir.length; dir.pop()) parents.add(dir.join(sep));
  }
  for (const dir of parents) wanted.set(dir, "dir");
  const present = new Map();
  if (existsSync(dest)) for (const name of readdirSync(dest)) describe(dest, name, present);
  // Copied times can be a millisecond off (utimes takes seconds as a float).
  const alike = (a, b) =>
    typeof a === "string" || typeof b === "string"
      ? a === b
      : a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 2;
  const same =
    wanted.size === present.size &&
    [...wanted].every(
      ([rel, description]) => present.has(rel) && alike(description, present.get(rel)),
    );
  process.exit(same ? 0 : 1);
}

rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
for (const rel of selection) {
  const from = join(source, rel);
  if (!existsSync(from)) continue;
  cpSync(from, join(dest, rel), {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: keep,
  });
}

const count = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (total, entry) => total + (entry.isDirectory() ? count(join(dir, entry.name)) : 1),
    0,
  );
process.stdout.write(`stage-app: ${count(dest)} files in ${dest}\n`);
