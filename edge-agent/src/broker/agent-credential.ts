import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The user name of the agent's own clients; config users may not take it. */
export const AGENT_USERNAME = "linli-agent";

export interface BrokerCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * The agent's own way into its embedded broker (device transports, the
 * uplink on the embedded broker, the demo's simulated fleet): a random
 * password made at every start and held only in memory — never written to
 * disk, never in a URL, never logged (the logger redacts `password`).
 */
export class AgentCredential implements BrokerCredentials {
  readonly username = AGENT_USERNAME;
  readonly #password = randomBytes(32).toString("base64url");
  readonly #digest = digest(this.#password);

  get password(): string {
    return this.#password;
  }

  /** Constant-time: the same work whatever the guess. */
  accepts(password: Buffer | undefined): boolean {
    return password !== undefined && timingSafeEqual(digest(password), this.#digest);
  }

  /** Keeps the password out of JSON and util.inspect (logs, error details). */
  toJSON(): { username: string } {
    return { username: this.username };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `AgentCredential { username: '${this.username}' }`;
  }
}

function digest(value: string | Buffer): Buffer {
  return createHash("sha256").update(value).digest();
}
