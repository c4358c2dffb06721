import type {
  Aedes,
  AedesOptions,
  AuthenticateError,
  Client,
  PublishPacket,
  Subscription,
} from "aedes";
import type { BrokerUserConfig } from "../config/index.js";
import type { Logger } from "../log.js";
import { hashSecret, parseSecretHash, type SecretHash, verifySecret } from "../secret-hash.js";
import type { AgentCredential } from "./agent-credential.js";
import { filterCovers, topicMatches } from "./topic-filter.js";

/** What one signed-in client may do. */
interface Grant {
  username: string;
  /** The agent's own clients: everything. */
  all: boolean;
  publish: readonly string[];
  subscribe: readonly string[];
}

interface User extends Grant {
  hash: SecretHash;
}

/** MQTT 3.1.1 CONNACK return codes (aedes's AuthErrorCode is a const enum). */
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

/** Password checks at once: scrypt takes a libuv thread and 16 MiB each; the pool has four. */
const CONCURRENT_CHECKS = 2;
/** CONNECTs waiting for a check beyond this are turned away (server unavailable), not queued. */
const WAITING_CHECKS = 32;
/** Refused topics remembered per client, so a looping unit logs each once, in bounded memory. */
const REMEMBERED_REFUSALS = 64;

function refusal(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * Who may connect to the embedded broker and what each may do, as aedes
 * hooks. With no `broker.users` the broker is open (loopback only, unless
 * the config opts out, see config/broker-checks.ts). With users, every
 * client signs in — a config user with its scrypt-hashed password, or the
 * agent's own clients with the per-start credential — and a config user may
 * publish and subscribe only within its `publish` and `subscribe` filters.
 *
 * A refused subscription gets the failure return code (0x80). A refused
 * PUBLISH is dropped: MQTT 3.1.1 cannot say no to one (§3.3.5) and aedes
 * would close the connection instead, leaving a misconfigured unit in a
 * reconnect loop with none of its allowed topics working.
 */
export class BrokerAccess {
  readonly #users: ReadonlyMap<string, User>;
  readonly #agent: AgentCredential;
  readonly #log: Logger;
  readonly #grants = new WeakMap<Client, Grant>();
  readonly #refusedTopics = new WeakMap<Client, Set<string>>();
  readonly #refusedPackets = new WeakSet<PublishPacket>();
  readonly #waiting: (() => void)[] = [];
  #checking = 0;
  /** Checked against when the user name is unknown, so that it takes as long as a known one. */
  #decoy: Promise<SecretHash | undefined> | undefined;

  constructor(users: readonly BrokerUserConfig[], agent: AgentCredential, log: Logger) {
    this.#agent = agent;
    this.#log = log;
    this.#users = new Map(
      users.map((user) => {
        const hash = parseSecretHash(user.passwordHash);
        // The config check refuses such a hash before the agent starts.
        if (!hash) throw new Error(`broker user ${user.username} has a malformed passwordHash`);
        return [
          user.username,
          {
            username: user.username,
            all: false,
            publish: user.publish,
            subscribe: user.subscribe,
            hash,
          },
        ];
      }),
    );
  }

  /** Whether clients must sign in (some `broker.users` are configured). */
  get required(): boolean {
    return this.#users.size > 0;
  }

  /** The aedes options that enforce this; none for an open broker. */
  hooks(): Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe"> {
    if (!this.required) return {};
    return {
      authenticate: (client, username, password, done) => {
        this.#authenticate(username, password).then(
          (grant) => {
            this.#grants.set(client, grant);
            done(null, true);
          },
          (error: AuthenticateError) => {
            this.#log.warn(
              { client: client.id, username, code: error.returnCode },
              `embedded broker refused a client: ${error.message}`,
            );
            done(error, false);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        const grant = client ? this.#grants.get(client) : undefined;
        // No client: a will left by an earlier broker run; aedes skips it on an error.
        if (!client || !grant) return done(new Error("not signed in"));
        if (this.#may(grant.publish, grant, packet.topic, topicMatches)) return done(null);
        // Acknowledged as MQTT 3.1.1 wants, then dropped by dropRefused(); a will too.
        this.#refused(client, grant, "publish", packet.topic);
        this.#refusedPackets.add(packet);
        done(null);
      },
      authorizeSubscribe: (client, subscription, done) => {
        const grant = this.#grants.get(client);
        if (grant && this.#may(grant.subscribe, grant, subscription.topic, filterCovers))
          return done(null, subscription);
        this.#refused(client, grant, "subscribe", subscription.topic);
        done(null, null as unknown as Subscription);
      },
    };
  }

  /**
   * Drops the PUBLISHes `authorizePublish` refused: aedes hands the same
   * packet on to `publish` once it has acknowledged it (PUBACK/PUBREC, as
   * MQTT 3.1.1 wants), and here it goes no further.
   */
  dropRefused(aedes: Aedes): void {
    if (!this.required) return;
    const publish = aedes.publish.bind(aedes) as unknown as (
      packet: PublishPacket,
      client: Client | null,
      done: (error?: Error) => void,
    ) => void;
    const refused = this.#refusedPackets;
    Object.assign(aedes, {
      publish(packet: PublishPacket, client: unknown, done?: unknown) {
        const callback = (typeof client === "function" ? client : done) as
          | ((error?: Error) => void)
          | undefined;
        if (refused.has(packet)) {
          refused.delete(packet);
          return callback?.();
        }
        return publish(packet, typeof client === "function" ? null : (client as Client), (error) =>
          callback?.(error),
        );
      },
    });
  }

  async #authenticate(username: string | undefined, password: Buffer | undefined): Promise<Grant> {
    if (username === undefined || password === undefined)
      throw refusal(NOT_AUTHORIZED, "no user name or password (broker.users is set)");
    if (username === this.#agent.username) {
      if (this.#agent.accepts(password)) return { username, all: true, publish: [], subscribe: [] };
      throw refusal(BAD_USERNAME_OR_PASSWORD, "wrong password for the agent's own user");
    }
    const user = this.#users.get(username);
    const hash = user?.hash ?? (await this.#decoyHash());
    const right = hash !== undefined && (await this.#check(password, hash));
    if (!user || !right) throw refusal(BAD_USERNAME_OR_PASSWORD, "bad user name or password");
    return user;
  }

  /** One scrypt check, when a slot on the thread pool is free. */
  async #check(password: Buffer, hash: SecretHash): Promise<boolean> {
    if (this.#checking >= CONCURRENT_CHECKS) {
      if (this.#waiting.length >= WAITING_CHECKS)
        throw refusal(SERVER_UNAVAILABLE, "too many sign-ins at once");
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#checking++;
    try {
      return await verifySecret(password, hash);
    } finally {
      this.#checking--;
      this.#waiting.shift()?.();
    }
  }

  #decoyHash(): Promise<SecretHash | undefined> {
    this.#decoy ??= hashSecret(`decoy-${Math.random()}`).then(parseSecretHash);
    return this.#decoy;
  }

  #may(
    filters: readonly string[],
    grant: Grant,
    topic: string,
    within: (filter: string, topic: string) => boolean,
  ): boolean {
    return grant.all || filters.some((filter) => within(filter, topic));
  }

  /** Logged once per client and topic (never the payload). */
  #refused(
    client: Client,
    grant: Grant | undefined,
    action: "publish" | "subscribe",
    topic: string,
  ): void {
    let seen = this.#refusedTopics.get(client);
    if (!seen) {
      seen = new Set();
      this.#refusedTopics.set(client, seen);
    }
    const key = `${action} ${topic}`;
    if (seen.has(key) || seen.size >= REMEMBERED_REFUSALS) return;
    seen.add(key);
    this.#log.warn(
      { client: client.id, username: grant?.username, topic },
      `embedded broker refused a ${action}: the topic is outside broker.users[].${action} for this user`,
    );
  }
}
