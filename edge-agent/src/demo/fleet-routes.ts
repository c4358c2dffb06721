import { LinliError } from "@linli/protocols";
import { StoreHealthSchema } from "@linli/protocols/api";
import Type from "typebox";
import type { SimulatedFleet } from "../fleet/simulated-fleet.js";
import type { HttpApp } from "../http/types.js";

export interface FleetRoutesOptions {
  /** The simulated kiosks of `--fleet N`; absent without it. */
  fleet: SimulatedFleet | undefined;
  /** The embedded broker, once listening (its WebSocket port is known only then). */
  broker: () => { host: string; wsPort: number } | undefined;
}

const FleetConnection = Type.Object(
  {
    url: Type.String({
      description:
        "the MQTT-over-WebSocket URL the fleet view subscribes to, e.g. ws://127.0.0.1:8083",
    }),
  },
  { additionalProperties: false },
);

const KioskParams = Type.Object({
  site: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }),
  kiosk: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }),
});

const SimulatedKioskSummary = Type.Object({
  site: Type.String(),
  kiosk: Type.String(),
  state: Type.Union([
    Type.Literal("idle"),
    Type.Literal("running"),
    Type.Literal("killed"),
    Type.Literal("stopped"),
  ]),
  connected: Type.Boolean(),
});

const StoreConditionBody = Type.Object(
  {
    condition: Type.Union(
      [
        Type.Literal("writable"),
        Type.Literal("full"),
        Type.Literal("low_space"),
        Type.Literal("io_error"),
        Type.Literal("read_only"),
      ],
      {
        description:
          'the store\'s condition to hold: "full" (writes fail with SQLITE_FULL), "low_space" (free space under the reserve), "io_error", "read_only"; "writable" lets the kiosk be again',
      },
    ),
  },
  { additionalProperties: false },
);

/**
 * Demo mode only: where the fleet view finds the embedded broker, and the
 * simulated fleet's controls — a kiosk killed here drops its connection
 * without DISCONNECT, so the broker publishes its last will and the fleet
 * view shows it offline; a kiosk's store made full here refuses residents'
 * actions as far as upstream can tell, and the fleet view shows the fault. In production the fleet view is given the upstream
 * broker's URL and read-only credentials instead; the agent has no part in it.
 */
export function fleetRoutes(options: FleetRoutesOptions) {
  const tags = ["demo"];
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/fleet/connection",
      {
        schema: {
          summary: "Demo: the embedded broker's MQTT-over-WebSocket URL, for the fleet view",
          tags,
          response: { 200: FleetConnection },
        },
      },
      async (request) => {
        const broker = options.broker();
        if (!broker || broker.wsPort === 0) {
          throw new LinliError(
            "LINLI_ERR_FLEET_NO_BROKER",
            "the embedded broker is not running: enable broker.enabled, or give the fleet view the upstream broker's URL",
            { status: 503 },
          );
        }
        return { url: webSocketUrl(broker.host, broker.wsPort, request.hostname) };
      },
    );

    app.get(
      "/demo/fleet",
      {
        schema: {
          summary: "Demo: the simulated kiosks of --fleet N and whether each is connected",
          tags,
          response: { 200: Type.Object({ items: Type.Array(SimulatedKioskSummary) }) },
        },
      },
      async () => ({ items: options.fleet?.list() ?? [] }),
    );

    app.post(
      "/demo/fleet/:site/:kiosk/kill",
      {
        schema: {
          summary: "Demo: kill a simulated kiosk abruptly, so the broker publishes its last will",
          tags,
          params: KioskParams,
          response: { 200: SimulatedKioskSummary },
        },
      },
      async (request) => {
        const { site, kiosk } = request.params;
        const simulated = options.fleet?.find(site, kiosk);
        if (!simulated) {
          throw new LinliError(
            "LINLI_ERR_DEMO_NO_SUCH_KIOSK",
            `no simulated kiosk ${site}/${kiosk}: start the demo with --fleet N and pick one from GET /api/v1/demo/fleet`,
            { status: 404 },
          );
        }
        simulated.kill();
        return { site, kiosk, state: simulated.state, connected: simulated.connected };
      },
    );

    app.post(
      "/demo/fleet/:site/:kiosk/store",
      {
        schema: {
          summary:
            "Demo: hold a simulated kiosk's store full (or low on space, failing, read-only) until set writable again; its telemetry says so at once",
          tags,
          params: KioskParams,
          body: StoreConditionBody,
          response: {
            200: Type.Object({ ...SimulatedKioskSummary.properties, store: StoreHealthSchema }),
          },
        },
      },
      async (request) => {
        const { site, kiosk } = request.params;
        const simulated = options.fleet?.find(site, kiosk);
        const store = simulated?.state === "running" ? simulated.store : undefined;
        if (!simulated || !store) {
          throw new LinliError(
            "LINLI_ERR_DEMO_NO_SUCH_KIOSK",
            `no running simulated kiosk ${site}/${kiosk}: start the demo with --fleet N and pick a running one from GET /api/v1/demo/fleet`,
            { status: 404 },
          );
        }
        simulated.setStore(request.body.condition);
        return {
          site,
          kiosk,
          state: simulated.state,
          connected: simulated.connected,
          store: simulated.store ?? store,
        };
      },
    );
  };
}

/**
 * The broker's WebSocket URL as the browser must dial it: a broker listening
 * on every address is reached at the host the page itself came from.
 */
export function webSocketUrl(brokerHost: string, wsPort: number, pageHostname: string): string {
  const wildcard = brokerHost === "0.0.0.0" || brokerHost === "::" || brokerHost === "";
  const host = wildcard ? stripPort(pageHostname) : brokerHost;
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `ws://${bracketed}:${wsPort}`;
}

function stripPort(hostname: string): string {
  if (hostname.startsWith("[")) return hostname.slice(0, hostname.indexOf("]") + 1);
  const colons = hostname.split(":").length - 1;
  return colons === 1 ? (hostname.split(":")[0] as string) : hostname;
}
