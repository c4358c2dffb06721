// `npm run screenshots [-- --landscape]`: a PNG of every kiosk screen in
// normal and 长辈模式, written to screenshots/.
import { spawnSync } from "node:child_process";
import { ensureBuilt, ensureDependencies, ROOT } from "./lib.mjs";

ensureDependencies();
ensureBuilt();
const result = spawnSync(
  process.execPath,
  [
    "--conditions=@linli/source",
    "--import",
    "tsx",
    "test/screenshots/take.ts",
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: "inherit" },
);
process.exit(result.status ?? 1);
