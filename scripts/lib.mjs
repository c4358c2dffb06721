// Shared by start/test/build/bench. Plain Node, no dependencies: it runs before `npm install`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CACHE = join(ROOT, "node_modules", ".cache", "linli");

export function say(message) {
  process.stdout.write(`${message}\n`);
}

/** Runs a command in the repo root with inherited output; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function mustRun(command, args, options = {}) {
  const status = run(command, args, options);
  if (status !== 0) {
    say(`linli: "${command} ${args.join(" ")}" failed with exit code ${status}`);
    process.exit(status);
  }
}

function hashFiles(files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

function readStamp(name) {
  try {
    return readFileSync(join(CACHE, name), "utf8");
  } catch {
    return undefined;
  }
}

function writeStamp(name, value) {
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, name), value);
}

/** npm dependencies: installed from the lockfile on first run, and again whenever it changes. */
export function ensureDependencies() {
  const manifests = [
    "package.json",
    "package-lock.json",
    "protocols/package.json",
    "device-profiles/package.json",
    "edge-agent/package.json",
    "kiosk-ui/package.json",
  ].map((file) => join(ROOT, file));
  const wanted = hashFiles(manifests);
  if (existsSync(join(ROOT, "node_modules")) && readStamp("deps") === wanted) return;
  say("linli: installing npm dependencies (first run, or package-lock.json changed)…");
  // `npm install` follows package-lock.json; `npm ci` would refuse the lockfile here because the
  // registry mirror lacks the other platforms' optional packages (e.g. Biome's darwin builds).
  mustRun("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  writeStamp("deps", wanted);
}

function listFiles(dir, into = []) {
  if (!existsSync(dir)) return into;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, into);
    else into.push(path);
  }
  return into;
}

function sourceFingerprint() {
  const files = [
    ...[
      "protocols/src",
      "device-profiles/src",
      "edge-agent/src",
      "kiosk-ui/src",
      "kiosk-ui/public",
    ].flatMap((dir) => listFiles(join(ROOT, dir))),
    ...[
      "tsconfig.base.json",
      "tsconfig.json",
      "kiosk-ui/index.html",
      "kiosk-ui/vite.config.ts",
      "protocols/tsconfig.json",
      "device-profiles/tsconfig.json",
      "edge-agent/tsconfig.json",
      "kiosk-ui/tsconfig.json",
    ].map((file) => join(ROOT, file)),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const stat = existsSync(file) ? statSync(file) : undefined;
    hash.update(`${file}:${stat?.size}:${stat?.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Compiles the packages and the kiosk UI; a second run with no changes returns at once. */
export function ensureBuilt({ force = false } = {}) {
  const fingerprint = sourceFingerprint();
  const built =
    existsSync(join(ROOT, "edge-agent/dist/cli/main.js")) &&
    existsSync(join(ROOT, "kiosk-ui/dist/index.html"));
  if (!force && built && readStamp("build") === fingerprint) return;
  say("linli: building…");
  mustRun(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-b"]);
  mustRun(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    { cwd: join(ROOT, "kiosk-ui") },
  );
  writeStamp("build", fingerprint);
}

export function ensureFolder(path) {
  mkdirSync(dirname(path), { recursive: true });
}
