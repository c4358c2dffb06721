/**
 * deploy/install.sh for real: into a staging root (--root) twice, from a
 * checkout and from a tarball, and into a fresh Debian root made by
 * debootstrap, run there with chroot. The units it installs pass
 * `systemd-analyze verify`. The installer needs root; the suite is skipped
 * without it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { udevRules } from "../../edge-agent/src/cli/udev-rules.js";
import { REPO_ROOT } from "../support/agent-process.js";
import { freePort } from "../support/ports.js";

const isRoot = process.getuid?.() === 0;
const UNITS = [
  "linli-agent.service",
  "linli-kiosk.service",
  "linli-backup.service",
  "linli-backup.timer",
  "linli-restart.service",
  "linli-restart.timer",
];
/** The flags the kiosk screen must run Chromium with (issue #10). */
const KIOSK_FLAGS = [
  "--kiosk",
  "--noerrdialogs",
  "--disable-session-crashed-bubble",
  "--disable-infobars",
  "--touch-events=enabled",
  "--disable-pinch",
  "--overscroll-history-navigation=0",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let work: string;
/** The app as a checkout would give it, frozen, so a rebuild meanwhile changes nothing. */
let app: string;

function hasProgram(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: options.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** install.sh from the frozen app, with the given arguments. */
function install(...args: string[]): Run {
  return run("bash", [join(app, "deploy/install.sh"), "--from", app, ...args]);
}

/**
 * An empty root with what the installer finds on any Debian: the account
 * files (copied from this machine), systemd's own units (for verify), and
 * stand-ins for the programs the units start.
 */
function stagingRoot(name: string): string {
  const root = join(work, name);
  mkdirSync(join(root, "etc"), { recursive: true });
  for (const file of ["passwd", "group", "shadow", "gshadow", "login.defs"])
    if (existsSync(`/etc/${file}`)) copyFileSync(`/etc/${file}`, join(root, "etc", file));
  mkdirSync(join(root, "usr/lib/systemd"), { recursive: true });
  cpSync("/lib/systemd/system", join(root, "usr/lib/systemd/system"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  mkdirSync(join(root, "usr/bin"), { recursive: true });
  for (const program of ["node", "cage", "Xwayland", "systemctl"])
    writeFileSync(join(root, "usr/bin", program), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  return root;
}

/** Everything about a tree a second install could change: names, types, modes, owners, contents' sizes and times. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (rel: string) => {
    const path = join(root, rel);
    const stats = lstatSync(path);
    const owner = `${stats.mode.toString(8)} ${stats.uid}:${stats.gid}`;
    if (stats.isSymbolicLink()) entries.set(rel, `link ${readlinkSync(path)} ${owner}`);
    else if (stats.isDirectory()) {
      entries.set(rel, `dir ${owner}`);
      for (const child of readdirSync(path)) visit(join(rel, child));
    } else entries.set(rel, `file ${stats.size} ${stats.mtimeMs} ${owner}`);
  };
  visit(".");
  return entries;
}

function accountLine(root: string, file: "passwd" | "group", name: string): string[] | undefined {
  return readFileSync(join(root, "etc", file), "utf8")
    .split("\n")
    .map((line) => line.split(":"))
    .find((fields) => fields[0] === name);
}

beforeAll(() => {
  if (!isRoot) return;
  work = mkdtempSync(join(tmpdir(), "linli-deploy-"));
  app = join(work, "source", "linli");
  execFileSync(process.execPath, [join(REPO_ROOT, "deploy/stage-app.mjs"), REPO_ROOT, app]);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 300_000);

describe.skipIf(!isRoot)("install.sh into a staging root (--root; skipped without root)", () => {
  let root: string;
  let first: Run;

  beforeAll(() => {
    root = stagingRoot("staging");
    first = install("--root", root, "--restart-window", "03:30");
  }, 180_000);

  it("creates the users in their groups, the config and state folders, and the app", () => {
    // Only warnings: a staging root has no libusb or Chinese fonts.
    expect(first.stderr.split("\n").filter((line) => !line.startsWith("linli: warning: "))).toEqual(
      [""],
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/install complete, \d+ changes\n/);
    const [, , uid, gid, , home, shell] = accountLine(root, "passwd", "linli") ?? [];
    expect([home, shell]).toEqual(["/var/lib/linli", "/usr/sbin/nologin"]);
    for (const group of ["dialout", "lp", "plugdev"])
      expect(accountLine(root, "group", group)?.[3]?.split(",")).toContain("linli");
    expect(accountLine(root, "passwd", "linli-kiosk")).toBeDefined();

    const state = lstatSync(join(root, "var/lib/linli"));
    expect([state.mode & 0o777, state.uid, state.gid]).toEqual([0o750, Number(uid), Number(gid)]);
    const config = lstatSync(join(root, "etc/linli/linli.yaml"));
    expect([config.mode & 0o777, config.uid, config.gid]).toEqual([0o640, 0, Number(gid)]);
    expect(readFileSync(join(root, "etc/linli/linli.yaml"), "utf8")).toBe(
      readFileSync(join(app, "deploy/linli.example.yaml"), "utf8"),
    );
    expect(existsSync(join(root, "opt/linli/edge-agent/dist/cli/main.js"))).toBe(true);
    expect(existsSync(join(root, "opt/linli/kiosk-ui/dist/index.html"))).toBe(true);
    // Development-only packages stay behind.
    expect(existsSync(join(root, "opt/linli/node_modules/typescript"))).toBe(false);
    expect(existsSync(join(root, "opt/linli/node_modules/fastify"))).toBe(true);
  });

  it("installs and enables the units, with the node they run and the restart window", () => {
    const agent = readFileSync(join(root, "etc/systemd/system/linli-agent.service"), "utf8");
    expect(agent).toContain(
      "ExecStart=/usr/bin/node --max-semi-space-size=2 /opt/linli/edge-agent/bin/linli.js start --config /etc/linli/linli.yaml",
    );
    for (const setting of [
      "Type=notify",
      "NotifyAccess=all",
      "WatchdogSec=30s",
      "Restart=on-failure",
      "RestartForceExitStatus=75",
      "ProtectSystem=strict",
      "ReadWritePaths=/var/lib/linli",
      "StateDirectory=linli",
      "ConfigurationDirectory=linli",
      "PrivateTmp=yes",
      "NoNewPrivileges=yes",
      "SupplementaryGroups=dialout lp plugdev",
    ])
      expect(agent).toContain(`\n${setting}\n`);
    for (const [target, unit] of [
      ["multi-user.target", "linli-agent.service"],
      ["graphical.target", "linli-kiosk.service"],
      ["timers.target", "linli-backup.timer"],
      ["timers.target", "linli-restart.timer"],
    ])
      expect(readlinkSync(join(root, `etc/systemd/system/${target}.wants/${unit}`))).toBe(
        `/etc/systemd/system/${unit}`,
      );
    expect(
      readFileSync(join(root, "etc/systemd/system/linli-restart.timer.d/window.conf"), "utf8"),
    ).toContain("OnCalendar=*-*-* 03:30:00");
  });

  it("installs the udev rules made from the device profiles", () => {
    expect(readFileSync(join(root, "etc/udev/rules.d/70-linli.rules"), "utf8")).toBe(udevRules());
  });

  it("installs units that pass systemd-analyze verify, the agent's sandbox rated OK", () => {
    const verify = run("systemd-analyze", ["verify", `--root=${root}`, ...UNITS]);
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    // Exposure 0–10 shown, 0–100 here: 30 is "OK" or better.
    const security = run("systemd-analyze", [
      "security",
      "--offline=true",
      `--root=${root}`,
      "--threshold=30",
      "--no-pager",
      "linli-agent.service",
    ]);
    expect(security.stdout).toMatch(/Overall exposure level for linli-agent\.service: \d\.\d OK/);
    expect(security.code).toBe(0);
  });

  it("starts Chromium with the kiosk flags, on the configured URL", () => {
    const bin = join(work, "fake-chromium");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "chromium"), '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    const browser = run(join(root, "opt/linli/deploy/kiosk/linli-kiosk-browser"), [], {
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        KIOSK_URL: "http://127.0.0.1:8181/",
        KIOSK_EXTRA_FLAGS: "--force-device-scale-factor=1.25",
        RUNTIME_DIRECTORY: "/run/linli-kiosk",
      },
    });
    expect(browser.code).toBe(0);
    const args = browser.stdout.trim().split("\n");
    expect(args).toEqual(expect.arrayContaining(KIOSK_FLAGS));
    expect(args).toContain("--user-data-dir=/run/linli-kiosk/chromium");
    expect(args).toContain("--force-device-scale-factor=1.25");
    expect(args.at(-1)).toBe("http://127.0.0.1:8181/");
  });

  it("changes nothing when run again, and never overwrites the operator's config", () => {
    const edited = "# filled in by the operator\nkiosk: {}\n";
    writeFileSync(join(root, "etc/linli/linli.yaml"), edited);
    const before = snapshot(root);
    const second = install("--root", root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("install complete, 0 changes");
    expect(snapshot(root)).toEqual(before);
    expect(readFileSync(join(root, "etc/linli/linli.yaml"), "utf8")).toBe(edited);
  });

  it("puts back what was tampered with, and only that", () => {
    const unit = join(root, "etc/systemd/system/linli-agent.service");
    const original = readFileSync(unit, "utf8");
    writeFileSync(unit, original.replace("NoNewPrivileges=yes", "NoNewPrivileges=no"));
    chmodSync(join(root, "var/lib/linli"), 0o777);
    const repair = install("--root", root);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain("installed /etc/systemd/system/linli-agent.service");
    expect(repair.stdout).toContain("set /var/lib/linli to mode 0750");
    expect(repair.stdout).toContain("install complete, 2 changes");
    expect(readFileSync(unit, "utf8")).toBe(original);
  });

  it("removes the daily restart window with --restart-window off", () => {
    const off = install("--root", root, "--restart-window", "off");
    expect(off.code).toBe(0);
    expect(
      existsSync(join(root, "etc/systemd/system/timers.target.wants/linli-restart.timer")),
    ).toBe(false);
    expect(existsSync(join(root, "etc/systemd/system/linli-restart.timer.d"))).toBe(false);
  });

  it("refuses what it does not understand, with exit code 64", () => {
    expect(install("--root", root, "--restart-window", "25:00")).toMatchObject({
      code: 64,
      stderr: expect.stringContaining("--restart-window takes HH:MM"),
    });
    expect(install("--frobnicate").code).toBe(64);
  });

  it("leaves the screen out, and says why, where cage is installed without Xwayland", () => {
    const bare = stagingRoot("no-xwayland");
    rmSync(join(bare, "usr/bin/Xwayland"));
    const result = install("--root", bare);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Xwayland is not installed");
    const wanted = (target: string) =>
      readdirSync(join(bare, `etc/systemd/system/${target}.wants`), { withFileTypes: true })
        .filter((entry) => entry.isSymbolicLink())
        .map((entry) => entry.name);
    expect(wanted("multi-user.target")).toContain("linli-agent.service");
    expect(existsSync(join(bare, "etc/systemd/system/graphical.target.wants"))).toBe(false);
    expect(existsSync(join(bare, "etc/systemd/system/linli-kiosk.service"))).toBe(false);
  });
});

describe.skipIf(!isRoot)("install.sh from a tarball, and --uninstall", () => {
  let root: string;

  beforeAll(() => {
    root = stagingRoot("from-tarball");
  }, 60_000);

  it("installs the same app from a tarball made by make-tarball.sh", () => {
    const tarball = join(work, "linli.tar");
    const packed = run("bash", [join(app, "deploy/make-tarball.sh"), tarball]);
    expect(packed.code).toBe(0);
    const installed = run("bash", [
      join(app, "deploy/install.sh"),
      "--tarball",
      tarball,
      "--root",
      root,
      "--no-kiosk",
    ]);
    expect(installed.code).toBe(0);
    const diff = run("diff", ["-rq", "--no-dereference", app, join(root, "opt/linli")]);
    expect(diff.stdout).toBe("");
    expect(existsSync(join(root, "etc/systemd/system/linli-kiosk.service"))).toBe(false);
    expect(accountLine(root, "passwd", "linli-kiosk")).toBeUndefined();
  });

  it("uninstalls the app, units, rules and CLI, keeping config, state and users", () => {
    const removed = install("--root", root, "--uninstall");
    expect(removed.code).toBe(0);
    for (const path of [
      "opt/linli",
      "etc/systemd/system/linli-agent.service",
      "etc/systemd/system/multi-user.target.wants/linli-agent.service",
      "etc/udev/rules.d/70-linli.rules",
      "usr/local/bin/linli",
    ])
      expect(existsSync(join(root, path)), path).toBe(false);
    expect(existsSync(join(root, "etc/linli/linli.yaml"))).toBe(true);
    expect(existsSync(join(root, "var/lib/linli"))).toBe(true);
    expect(accountLine(root, "passwd", "linli")).toBeDefined();

    expect(install("--root", root, "--uninstall", "--purge").code).toBe(0);
    expect(existsSync(join(root, "etc/linli"))).toBe(false);
    expect(accountLine(root, "passwd", "linli")).toBeUndefined();
  });
});

// ------------------------------------------------------------ a fresh Debian root

const SUITE = "bookworm";
const MIRROR = "http://deb.debian.org/debian";
/** A pristine root made once by debootstrap and kept, so later runs need no network. */
const ROOT_CACHE = join(
  REPO_ROOT,
  "node_modules/.cache/linli/debootstrap",
  `${SUITE}-minbase-systemd.tar`,
);

async function mirrorAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`${MIRROR}/dists/${SUITE}/Release`, {
      method: "HEAD",
      signal: AbortSignal.timeout(5_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** A fresh Debian root, or why there is none. */
async function freshDebianRoot(into: string): Promise<string | undefined> {
  if (!existsSync(ROOT_CACHE)) {
    if (!(await mirrorAnswers()))
      return `no cached Debian root and ${MIRROR} does not answer: debootstrap needs the mirror once`;
    const made = join(work, "debootstrap");
    const debootstrap = run("debootstrap", [
      "--variant=minbase",
      "--include=systemd",
      SUITE,
      made,
      MIRROR,
    ]);
    if (debootstrap.code !== 0)
      return `debootstrap failed (${debootstrap.code}): ${debootstrap.stderr.slice(-400)}`;
    mkdirSync(join(ROOT_CACHE, ".."), { recursive: true });
    execFileSync("tar", ["--create", "--file", `${ROOT_CACHE}.partial`, "--directory", made, "."]);
    renameSync(`${ROOT_CACHE}.partial`, ROOT_CACHE);
    rmSync(made, { recursive: true, force: true });
  }
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["--extract", "--file", ROOT_CACHE, "--directory", into]);
  return undefined;
}

describe.skipIf(!isRoot || !hasProgram("debootstrap") || !hasProgram("chroot"))(
  "install.sh in a fresh Debian root (debootstrap and chroot; skipped without them or root)",
  () => {
    let root: string;
    let skipped: string | undefined;
    const inRoot = (args: string[]): Run =>
      run("chroot", [root, ...args], {
        env: {
          PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          LANG: "C.UTF-8",
        },
      });

    beforeAll(async () => {
      root = join(work, "debian");
      skipped = await freshDebianRoot(root);
      if (skipped) return;
      // This machine's Node.js (Debian's own is too old), and the app to install.
      copyFileSync(realpathSync(process.execPath), join(root, "usr/bin/node"));
      chmodSync(join(root, "usr/bin/node"), 0o755);
      if (inRoot(["/usr/bin/node", "--version"]).code !== 0)
        skipped = "this machine's node does not run in a Debian bookworm root";
      cpSync(app, join(root, "opt/linli-source"), { recursive: true, verbatimSymlinks: true });
    }, 600_000);

    it("installs cleanly, twice, with units that verify and a doctor that passes", async (context) => {
      if (skipped) context.skip(skipped);
      const installer = [
        "/bin/bash",
        "/opt/linli-source/deploy/install.sh",
        "--from",
        "/opt/linli-source",
      ];
      const first = inRoot(installer);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain("created the user linli");
      // No cage in a fresh root: the screen is left out, and the installer says why.
      expect(first.stderr).toContain("cage is not installed");
      const second = inRoot(installer);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain("install complete, 0 changes");

      const verify = inRoot([
        "systemd-analyze",
        "verify",
        ...UNITS.filter((unit) => unit !== "linli-kiosk.service"),
      ]);
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
      expect(inRoot(["id", "-Gn", "linli"]).stdout.trim().split(" ").sort()).toEqual([
        "dialout",
        "linli",
        "lp",
        "plugdev",
      ]);

      // The operator fills in the kiosk section; the doctor then checks the install as linli.
      const config = join(root, "etc/linli/linli.yaml");
      writeFileSync(
        config,
        readFileSync(config, "utf8").replace("port: 8080", `port: ${await freePort()}`) +
          "kiosk:\n  site: test-site\n  id: kiosk-01\n  name: 测试邻里中心\n  location: { lng: 121.5, lat: 31.2, datum: gcj02 }\nbroker:\n  port: 0\n  wsPort: 0\n",
      );
      const doctor = inRoot(["/usr/local/bin/linli", "doctor", "--json"]);
      const findings = JSON.parse(doctor.stdout) as { check: string; ok: boolean; fix?: string }[];
      // A minimal Debian has no udev or libusb: the doctor names the package to install for
      // each (the installer warned about them too). A container has no touch panel either,
      // which the doctor says as it would on a kiosk whose panel is unplugged. Nothing else.
      const failed = findings.filter((finding) => !finding.ok);
      for (const finding of failed) {
        expect(["serial", "hid", "touchscreen"], JSON.stringify(finding)).toContain(finding.check);
        expect(finding.fix).toMatch(
          finding.check === "touchscreen"
            ? /cable and power/
            : /^sudo apt-get install (udev|libusb-1\.0-0) /,
        );
      }
      expect(doctor.code).toBe(failed.length ? 1 : 0);
      expect(findings.find((finding) => finding.check === "groups")).toMatchObject({
        ok: true,
        detail: "linli is in dialout, lp, plugdev",
      });
    });
  },
);
