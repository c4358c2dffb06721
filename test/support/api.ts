import {
  type AgentProcess,
  runLinli,
  type StartAgentOptions,
  startAgent,
} from "./agent-process.js";

/** What the agent answered: the status, the headers and the JSON body (`{}` when there is none). */
export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The agent's HTTP API as a test calls it: JSON in and out under /api/v1,
 * and, once signed in, the operator's session cookie on calls that ask for it.
 */
export class AgentApi {
  cookie = "";

  constructor(readonly url: string) {}

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    asOperator = false,
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(asOperator ? { cookie: this.cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json().catch(() => ({}))) as T,
    };
  }

  /** Signs in with the operator PIN and keeps the session cookie; throws unless the agent said 200. */
  async signIn(pin: string): Promise<void> {
    const answer = await this.call("POST", "/operator/login", { pin });
    if (answer.status !== 200) throw new Error(`operator sign-in answered ${answer.status}`);
    this.cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }
}

/** The PIN's hash as `linli hash-pin` makes it, for LINLI_OPERATOR_PIN_HASH. */
export async function hashPin(pin: string): Promise<string> {
  return (await runLinli(["hash-pin"], {}, `${pin}\n`)).stdout.trim();
}

/** A demo agent with an operator PIN, and its API (not yet signed in). */
export async function startAgentWithPin(
  pin: string,
  options: StartAgentOptions = {},
): Promise<{ agent: AgentProcess; api: AgentApi }> {
  const agent = await startAgent({
    ...options,
    env: { ...options.env, LINLI_OPERATOR_PIN_HASH: await hashPin(pin) },
  });
  return { agent, api: new AgentApi(agent.url) };
}

/** Polls `probe` every 100 ms until it answers something, or fails naming `what`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what = "a condition",
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
