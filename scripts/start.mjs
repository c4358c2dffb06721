// `npm start`: install what is missing, build what changed, start the agent in demo mode.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureBuilt, ensureDependencies, ROOT } from "./lib.mjs";

ensureDependencies();
ensureBuilt();

const args = process.argv.slice(2);
const child = spawn(
  process.execPath,
  [join(ROOT, "edge-agent/bin/linli.js"), "start", ...(args.length ? args : ["--demo"])],
  {
    stdio: "inherit",
  },
);
// The agent handles SIGINT/SIGTERM itself; pass them on and exit as it does.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
