// `npm run bench`: run every *.bench.ts (never part of `npm test`) and print one table.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ensureBuilt, ensureDependencies, ROOT, say } from "./lib.mjs";

const PREFIX = "LINLI_BENCH ";

function findBenches(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", "dist", ".git"].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findBenches(path, into);
    else if (entry.name.endsWith(".bench.ts")) into.push(path);
  }
  return into;
}

ensureDependencies();
ensureBuilt();

const only = process.argv.slice(2);
const files = findBenches(ROOT)
  .filter((file) => only.length === 0 || only.some((filter) => file.includes(filter)))
  .sort();
const rows = [];
let failures = 0;
for (const file of files) {
  const name = relative(ROOT, file);
  say(`bench: ${name}…`);
  const result = spawnSync(
    process.execPath,
    ["--conditions=@linli/source", "--import", "tsx", file],
    {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  for (const line of (result.stdout ?? "").split("\n")) {
    if (line.startsWith(PREFIX))
      rows.push({ file: name, ...JSON.parse(line.slice(PREFIX.length)) });
    else if (line.trim()) say(`  ${line}`);
  }
  if (result.status !== 0) {
    failures++;
    say(`bench: ${name} failed with exit code ${result.status}`);
  }
}

const format = (value) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 1
      ? value.toFixed(2)
      : value.toPrecision(3);
const table = rows.map((row) => ({
  benchmark: row.name,
  figure: `${format(row.value)} ${row.unit}`,
  target: row.target ?? "",
  baseline: row.baseline ? `${format(row.baseline.value)} ${row.unit} (${row.baseline.name})` : "",
  ratio:
    row.baseline && row.baseline.value !== 0
      ? `${format(row.value / row.baseline.value)}× (${row.better} is better)`
      : "",
}));
const columns = ["benchmark", "figure", "target", "baseline", "ratio"];
const widths = columns.map((column) =>
  Math.max(column.length, ...table.map((row) => String(row[column]).length)),
);
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join(" │ ");
say("");
say(line(columns));
say(widths.map((width) => "─".repeat(width)).join("─┼─"));
for (const row of table) say(line(columns.map((column) => row[column])));
say(
  `\n${rows.length} figures from ${files.length} benchmark files${failures ? `; ${failures} failed` : ""}`,
);
process.exit(failures ? 1 : 0);
