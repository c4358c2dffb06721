// `npm run screenshots`: a PNG of every resident screen, in normal mode and
// in 长辈模式, on the portrait touchscreen (and with --landscape on the
// landscape one too), taken in Debian's Chromium from a real demo agent.
// PNGs go to screenshots/ (not committed). Chinese text needs a CJK font on
// the machine (Debian: fonts-noto-cjk); without one the shots show boxes.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";

interface Screen {
  name: string;
  path: string;
  /** What to do once the screen is up, before the shot (open a dialog, wait for data). */
  prepare?: (page: Page, agent: AgentProcess) => Promise<void>;
}

const settle = (page: Page) => page.waitForLoadState("networkidle").catch(() => undefined);

const SCREENS: readonly Screen[] = [
  { name: "home", path: "/" },
  { name: "find-category", path: "/find?category=convenience_store" },
  {
    name: "search-keyboard",
    path: "/search",
    prepare: async (page) => {
      for (const key of ["b", "l", "d"]) {
        await page
          .locator("linli-pinyin-keyboard")
          .getByRole("button", { name: key, exact: true })
          .click();
      }
    },
  },
  {
    name: "outlet-detail",
    path: "/outlets/wfxc-0141",
    prepare: async (page) => {
      await page.locator("linli-outlet-panel h2").first().waitFor();
    },
  },
  { name: "map", path: "/map" },
  { name: "print", path: "/print" },
  { name: "parcels", path: "/parcels" },
  { name: "vending", path: "/vending" },
  { name: "rate", path: "/rate" },
  { name: "report", path: "/report" },
  {
    name: "idle-warning",
    path: "/find?category=breakfast&idle=1&warn=30&attract=600",
    prepare: async (page) => {
      await page.locator("linli-idle-warning").waitFor();
    },
  },
  {
    name: "attract",
    path: "/?idle=1&warn=1&attract=2",
    prepare: async (page) => {
      await page.locator("linli-attract-screen").waitFor();
    },
  },
];

const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

function hasCjkFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

const outDir = join(process.cwd(), "screenshots");
mkdirSync(outDir, { recursive: true });
if (!hasCjkFont()) {
  process.stderr.write(
    "screenshots: no CJK font found: Chinese will show as boxes (install fonts-noto-cjk)\n",
  );
}
const orientations: (keyof typeof VIEWPORTS)[] = process.argv.includes("--landscape")
  ? ["portrait", "landscape"]
  : ["portrait"];

const agent = await startAgent();
const browser = await launchChromium();
let taken = 0;
try {
  for (const orientation of orientations) {
    for (const mode of ["normal", "elderly"] as const) {
      for (const screen of SCREENS) {
        const context = await browser.newContext({
          viewport: VIEWPORTS[orientation],
          locale: "zh-CN",
        });
        const page = await context.newPage();
        await page.goto(`${agent.url}${screen.path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        if (mode === "elderly") {
          await page.getByRole("button", { name: /长辈模式/ }).click();
        }
        await settle(page);
        await screen.prepare?.(page, agent);
        await settle(page);
        const file = join(outDir, `${orientation}-${mode}-${screen.name}.png`);
        await page.screenshot({ path: file, fullPage: screen.name !== "attract" });
        process.stdout.write(`screenshots: ${file}\n`);
        taken++;
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await agent.stop();
}
process.stdout.write(`screenshots: ${taken} PNGs in ${outDir}\n`);
