/**
 * The kiosk screen as linli-kiosk.service runs it: Debian's cage (the
 * Wayland kiosk compositor) starting deploy/kiosk/linli-kiosk-browser, which
 * starts Debian's Chromium with the kiosk flags, showing a running agent's
 * UI. cage runs on its headless backend (no display or seat here) and, as in
 * the unit, not as root. What is not checked here: systemd itself (no
 * systemd in this container; the unit passes `systemd-analyze verify` in
 * deploy.test.ts) and a real panel's DRM and input devices.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, REPO_ROOT, startAgent } from "../support/agent-process.js";
import { until } from "../support/api.js";
import { freePort } from "../support/ports.js";

const CAGE = "/usr/bin/cage";
const XWAYLAND = "/usr/bin/Xwayland";
const LAUNCHER = join(REPO_ROOT, "deploy/kiosk/linli-kiosk-browser");
const isRoot = process.getuid?.() === 0;
/** cage refuses to run as root; the unit runs it as linli-kiosk, the test as nobody. */
const NOBODY = 65534;
const missing = [CAGE, XWAYLAND, "/usr/bin/chromium", "/usr/bin/setpriv"].filter(
  (path) => !existsSync(path),
);
const skipReason =
  missing.length > 0
    ? `missing ${missing.join(", ")} (apt-get install cage xwayland chromium util-linux)`
    : !isRoot
      ? "needs root, to run cage as another user the way the unit does"
      : undefined;

interface Screen {
  cage: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  debugPort: number;
  home: string;
}

/** cage + the launcher as linli-kiosk.service's ExecStart, with a DevTools port to look in. */
async function startScreen(url: string): Promise<Screen> {
  const home = mkdtempSync(join(tmpdir(), "linli-kiosk-screen-"));
  chmodSync(home, 0o777);
  // The checkout may sit where the kiosk's user cannot reach (a CI clone in a 0700
  // temp folder), as the installed app never does (/opt/linli, world-readable).
  const launcher = join(home, "linli-kiosk-browser");
  copyFileSync(LAUNCHER, launcher);
  chmodSync(launcher, 0o755);
  const debugPort = await freePort();
  const cage = spawn(
    "setpriv",
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", CAGE, "-d", "--", launcher],
    {
      env: {
        PATH: "/usr/local/bin:/usr/bin:/bin",
        // As the unit sets them (RuntimeDirectory=, Environment=HOME=…).
        HOME: home,
        RUNTIME_DIRECTORY: home,
        XDG_RUNTIME_DIR: home,
        XDG_CONFIG_HOME: join(home, "config"),
        XDG_CACHE_HOME: join(home, "cache"),
        // /etc/linli/kiosk.env
        KIOSK_URL: url,
        // A container has no user namespaces for Chromium's sandbox; DevTools to look in.
        KIOSK_EXTRA_FLAGS: `--no-sandbox --remote-debugging-port=${debugPort}`,
        // No DRM device or seat here: wlroots draws into memory.
        WLR_BACKENDS: "headless",
        WLR_RENDERER: "pixman",
        WLR_LIBINPUT_NO_DEVICES: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  cage.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  cage.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => cage.on("exit", (code) => resolve(code)));
  return { cage, exited, output: () => output, debugPort, home };
}

describe.skipIf(skipReason !== undefined)(
  "the kiosk screen: Chromium in kiosk mode on cage",
  () => {
    let agent: AgentProcess;
    let screen: Screen;
    let browser: Browser;

    beforeAll(async () => {
      agent = await startAgent();
      screen = await startScreen(`${agent.url}/`);
      await until(async () => {
        if (screen.cage.exitCode !== null)
          throw new Error(`cage exited with ${screen.cage.exitCode}:\n${screen.output()}`);
        const response = await fetch(`http://127.0.0.1:${screen.debugPort}/json/version`).catch(
          () => undefined,
        );
        return response?.ok ? true : undefined;
      }, "Chromium under cage to answer on its DevTools port");
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${screen.debugPort}`);
    });

    afterAll(async () => {
      await browser?.close().catch(() => undefined);
      if (screen && screen.cage.exitCode === null) screen.cage.kill("SIGKILL");
      await screen?.exited;
      await agent?.stop();
      if (screen) rmSync(screen.home, { recursive: true, force: true });
    });

    it("shows the agent's resident UI, full screen with no browser chrome, touch on", async () => {
      const page = browser
        .contexts()[0]
        ?.pages()
        .find((one) => one.url().startsWith(agent.url));
      expect(
        page,
        `pages: ${browser
          .contexts()[0]
          ?.pages()
          .map((one) => one.url())}`,
      ).toBeDefined();
      if (!page) return;
      await page.locator("linli-app").waitFor({ timeout: 30_000 });
      // A string, evaluated in the page: this project compiles without the DOM's types.
      const view = await page.evaluate<{
        inner: number[];
        screen: number[];
        touch: boolean;
        lang: string;
      }>(`({
        inner: [window.innerWidth, window.innerHeight],
        screen: [screen.width, screen.height],
        touch: "ontouchstart" in window,
        lang: document.documentElement.lang,
      })`);
      // Kiosk mode: the page is the whole output, no tab strip, address bar or frame.
      expect(view.inner).toEqual(view.screen);
      expect(view.touch).toBe(true);
      expect(view.lang).toMatch(/^zh/);
      // One page and nothing in front of it: no crash bubble, no first-run tab.
      const pages = browser
        .contexts()
        .flatMap((context) => context.pages())
        .filter((one) => !one.url().startsWith("chrome://"));
      expect(pages.map((one) => one.url())).toEqual([page.url()]);
    });

    it("ends cage when Chromium dies, so the unit's Restart=always brings the screen back", async () => {
      const browserPid = findChromiumPid(screen.debugPort);
      expect(browserPid, "the kiosk's Chromium process").toBeDefined();
      process.kill(browserPid as number, "SIGKILL");
      const code = await Promise.race([
        screen.exited,
        new Promise<"still running">((resolve) => setTimeout(resolve, 15_000, "still running")),
      ]);
      expect(code).not.toBe("still running");
    });
  },
);

/** The browser process (not a renderer): the chromium whose command line names this DevTools port. */
function findChromiumPid(debugPort: number): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (
      args[0]?.includes("chromium") &&
      args.includes(`--remote-debugging-port=${debugPort}`) &&
      !args.some((arg) => arg.startsWith("--type="))
    )
      return Number(entry);
  }
  return undefined;
}
