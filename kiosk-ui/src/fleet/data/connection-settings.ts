/**
 * Where the fleet view connects: the broker's MQTT-over-WebSocket URL and,
 * upstream, read-only credentials. From the page's query (`?url=&username=&password=`,
 * removed from the address bar once read), else from this browser session,
 * else — in demo mode — from the agent, which knows its embedded broker.
 * Otherwise the operator types them into the connection form.
 */

export interface ConnectionSettings {
  url: string;
  username?: string;
  password?: string;
}

export type SettingsSource = "query" | "session" | "agent";

const SESSION_KEY = "linli.fleet.connection";

/** A ws:// or wss:// URL, or undefined. */
export function brokerUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "ws:" || url.protocol === "wss:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function settingsFrom(value: unknown): ConnectionSettings | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const url = brokerUrl(record.url);
  if (!url) return undefined;
  const text = (key: string) =>
    typeof record[key] === "string" && record[key] !== "" ? (record[key] as string) : undefined;
  const username = text("username");
  const password = text("password");
  return {
    url,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
}

/** Settings given in the page's query, if any; `strip` removes them from the address bar. */
export function settingsFromQuery(
  search: string,
  strip?: (remaining: string) => void,
): ConnectionSettings | undefined {
  const params = new URLSearchParams(search);
  if (!params.has("url")) return undefined;
  const settings = settingsFrom({
    url: params.get("url"),
    username: params.get("username"),
    password: params.get("password"),
  });
  for (const key of ["url", "username", "password"]) params.delete(key);
  // A password must not stay in the address bar or the history.
  strip?.(params.toString());
  return settings;
}

export function settingsFromSession(
  storage: Pick<Storage, "getItem">,
): ConnectionSettings | undefined {
  try {
    const text = storage.getItem(SESSION_KEY);
    return text ? settingsFrom(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}

export function keepInSession(storage: Pick<Storage, "setItem">, settings: ConnectionSettings) {
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(settings));
  } catch {
    // Private mode or no storage: the settings last as long as the page.
  }
}

/** In demo mode the agent names its embedded broker's WebSocket listener; elsewhere it has no say. */
export async function settingsFromAgent(
  fetcher: typeof fetch = fetch,
): Promise<ConnectionSettings | undefined> {
  try {
    const response = await fetcher("/api/v1/fleet/connection", {
      headers: { accept: "application/json" },
    });
    if (!response.ok) return undefined;
    return settingsFrom(await response.json());
  } catch {
    return undefined;
  }
}

/** The first settings found: query, session, agent. */
export async function findSettings(): Promise<
  { settings: ConnectionSettings; source: SettingsSource } | undefined
> {
  const fromQuery = settingsFromQuery(window.location.search, (remaining) => {
    const url = `${window.location.pathname}${remaining ? `?${remaining}` : ""}${window.location.hash}`;
    window.history.replaceState(window.history.state, "", url);
  });
  if (fromQuery) {
    keepInSession(window.sessionStorage, fromQuery);
    return { settings: fromQuery, source: "query" };
  }
  const fromSession = settingsFromSession(window.sessionStorage);
  if (fromSession) return { settings: fromSession, source: "session" };
  const fromAgent = await settingsFromAgent();
  return fromAgent ? { settings: fromAgent, source: "agent" } : undefined;
}
