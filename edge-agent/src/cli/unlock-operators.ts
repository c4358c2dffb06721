import { existsSync } from "node:fs";
import { EventBus } from "../bus.js";
import { loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { createLogger } from "../log.js";
import { OperatorAudit } from "../operator/audit.js";
import { EventLog } from "../operator/event-log.js";
import { DEFAULT_LOCKOUT, PinLockout } from "../operator/lockout.js";
import { Store } from "../store/index.js";
import { Outbox } from "../uplink/outbox.js";

export interface UnlockOperatorsOptions {
  config?: string;
  demo?: boolean;
}

export interface UnlockOperatorsIo {
  print?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/**
 * Lifts the operator PIN lockout from the kiosk's own shell. The lockout
 * counts wrong PINs per client address, and at the screen every client is
 * loopback: a resident typing PINs can lock the operators out. Whoever can
 * run this (root, or the linli user, on the kiosk) can already read the
 * store, so it grants nothing new. Safe while the agent runs (SQLite WAL);
 * recorded in the operator audit and sent upstream like any operator action.
 */
export function unlockOperatorsCommand(
  options: UnlockOperatorsOptions,
  io: UnlockOperatorsIo = {},
): { unlocked: number } {
  const print = io.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { config } = loadConfig({
    file: options.config,
    ...(io.env ? { env: io.env } : {}),
    ...(options.demo ? { base: demoBaseConfig({ quiet: true }) } : {}),
  });
  const path = config.store.path;
  if (path === ":memory:" || !existsSync(path)) {
    print(`no store at ${path} yet, so nobody is locked out`);
    return { unlocked: 0 };
  }
  const store = new Store(path, createLogger({ level: "silent" }));
  store.start();
  try {
    const now = io.now?.() ?? new Date();
    const eventLog = new EventLog({ db: store.db, bus: new EventBus(), now: () => now });
    const audit = new OperatorAudit({
      db: store.db,
      outbox: new Outbox(store.db),
      eventLog,
      now: () => now,
    });
    const lockout = new PinLockout(store.db, DEFAULT_LOCKOUT);
    const unlocked = audit.run(
      () => lockout.unlockAll(now.getTime()),
      (count) => ({
        action: "unlock",
        sessionId: null,
        clientKey: "cli",
        detail: { lockedClients: count },
      }),
    );
    print(
      unlocked === 0
        ? "nobody was locked out; wrong-PIN counts are cleared"
        : `operator sign-in is open again (${unlocked} locked ${unlocked === 1 ? "client" : "clients"} let in); wrong-PIN counts are cleared`,
    );
    return { unlocked };
  } finally {
    store.stop();
  }
}
