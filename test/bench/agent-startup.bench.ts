// Agent start-up and idle memory (DESIGN.md: ready < 2 s, idle RSS < 100 MB),
// against a bare Node HTTP server started the same way in the same run. Both
// run with the node flags of the production unit (deploy/systemd/linli-agent.service),
// read from the unit so the bench measures what a kiosk runs.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LINLI_BIN, REPO_ROOT } from "../support/agent-process.js";
import { freePort } from "../support/ports.js";
import { report } from "./harness.js";

const RUNS = 5;
const IDLE_SETTLE_MS = 3_000;

/** The node flags in the unit's `ExecStart=@NODE@ <flags> …/bin/linli.js start …`. */
function unitNodeFlags(): string[] {
  const unit = readFileSync(join(REPO_ROOT, "deploy/systemd/linli-agent.service"), "utf8");
  const words = /^ExecStart=@NODE@ (.+)$/m.exec(unit)?.[1]?.split(/\s+/);
  const script = words?.findIndex((word) => word.endsWith("/bin/linli.js")) ?? -1;
  if (!words || script < 0)
    throw new Error("linli-agent.service has no `ExecStart=@NODE@ … /bin/linli.js` line");
  return words.slice(0, script);
}
const NODE_FLAGS = unitNodeFlags();
console.log(`node flags from linli-agent.service: ${NODE_FLAGS.join(" ") || "(none)"}`);

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

async function measureProcess(args: string[], env: NodeJS.ProcessEnv, port: number) {
  const start = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { env, stdio: "ignore" });
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const rss = rssMegabytes(child.pid as number);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.on("exit", resolve));
  return { readyMs, rss };
}

const BARE_SERVER = `require("node:http").createServer((q, s) => s.end('{"status":"ok"}')).listen(Number(process.env.PORT), "127.0.0.1")`;

const agent = { readyMs: [] as number[], rss: [] as number[] };
/** The same store again: how a kiosk restarts (the first start also imports the sample circle). */
const restart = { readyMs: [] as number[], rss: [] as number[] };
const bare = { readyMs: [] as number[], rss: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "linli-bench-"));
  const a = await measureProcess(
    [LINLI_BIN, "start", "--demo"],
    {
      ...process.env,
      LINLI_HTTP_PORT: String(port),
      LINLI_BROKER_PORT: "0",
      LINLI_BROKER_WS_PORT: "0",
      LINLI_STORE_PATH: join(dir, "linli.db"),
      LINLI_LOG_LEVEL: "warn",
    },
    port,
  );
  agent.readyMs.push(a.readyMs);
  agent.rss.push(a.rss);
  const again = await measureProcess(
    [LINLI_BIN, "start", "--demo"],
    {
      ...process.env,
      LINLI_HTTP_PORT: String(port),
      LINLI_BROKER_PORT: "0",
      LINLI_BROKER_WS_PORT: "0",
      LINLI_STORE_PATH: join(dir, "linli.db"),
      LINLI_LOG_LEVEL: "warn",
    },
    port,
  );
  restart.readyMs.push(again.readyMs);
  restart.rss.push(again.rss);
  const barePort = await freePort();
  const b = await measureProcess(
    ["-e", BARE_SERVER],
    { ...process.env, PORT: String(barePort) },
    barePort,
  );
  bare.readyMs.push(b.readyMs);
  bare.rss.push(b.rss);
}

const median = (values: number[]) =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
report({
  name: "agent ready after a restart on its store (median)",
  value: median(restart.readyMs),
  unit: "ms",
  baseline: { name: "bare node http server", value: median(bare.readyMs) },
  better: "lower",
  target: "< 2000 ms",
});
report({
  name: "agent idle RSS after a restart (median)",
  value: median(restart.rss),
  unit: "MB",
  baseline: { name: "bare node http server", value: median(bare.rss) },
  better: "lower",
  target: "< 100 MB",
});
report({
  name: "agent ready on first start, importing the sample circle (median)",
  value: median(agent.readyMs),
  unit: "ms",
  baseline: { name: "bare node http server", value: median(bare.readyMs) },
  better: "lower",
  target: "< 2000 ms",
});
report({
  name: "agent idle RSS (median)",
  value: median(agent.rss),
  unit: "MB",
  baseline: { name: "bare node http server", value: median(bare.rss) },
  better: "lower",
  target: "< 100 MB",
});
