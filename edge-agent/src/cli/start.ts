import { LinliError } from "@linli/protocols";
import { writeToStream } from "mqtt-packet";
import { Agent } from "../agent.js";
import type { BrokerCredentials } from "../broker/index.js";
import { loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { createDemoRig } from "../demo/devices.js";
import { fleetRoutes } from "../demo/fleet-routes.js";
import { demoRoutes } from "../demo/routes.js";
import { ExitCode } from "../exit-codes.js";
import { SimulatedFleet } from "../fleet/simulated-fleet.js";
import { createLogger } from "../log.js";
import { SystemdNotifier } from "../systemd.js";

export interface StartOptions {
  config?: string;
  demo?: boolean;
  /** `--fleet N` (already checked by parseFleetSize): simulated kiosks, demo mode only. */
  fleet?: number;
}

const STOP_TIMEOUT_MS = 10_000;

export async function startCommand(options: StartOptions): Promise<void> {
  // mqtt-packet (what mqtt.js and aedes write with) otherwise fills a cache on its first
  // write: a 2-byte Buffer for each of the 65,536 16-bit numbers (packet ids, lengths),
  // ~8 MB of heap for the agent's whole life. Making the two bytes when a packet is
  // written costs nothing at a kiosk's message rates.
  // Before the broker starts: its first write would fill the cache.
  writeToStream.cacheNumbers = false;
  const demo = options.demo === true;
  const fleetSize = options.fleet ?? 0;
  if (options.fleet !== undefined && !demo) {
    throw new LinliError(
      "LINLI_ERR_CLI_FLEET_NEEDS_DEMO",
      "--fleet adds simulated kiosks to the demo's embedded broker: use it together with --demo",
    );
  }
  // Demo mode drives simulators through the same transports and drivers as real hardware.
  const rig = demo ? createDemoRig() : undefined;
  const { config, file } = loadConfig({
    file: options.config,
    ...(rig
      ? { base: demoBaseConfig({ quiet: process.stdout.isTTY === true, devices: rig.devices }) }
      : {}),
  });
  const log = createLogger({ level: config.log.level });
  if (fleetSize > 0 && !config.broker.enabled) {
    throw new LinliError(
      "LINLI_ERR_CLI_FLEET_NEEDS_BROKER",
      "--fleet runs the simulated kiosks on the embedded broker, which the config turns off (broker.enabled: false)",
    );
  }
  const fleet: SimulatedFleet | undefined = demo
    ? new SimulatedFleet({
        size: fleetSize,
        log,
        // The agent's own credential: with broker.users set, the embedded broker wants one.
        credentials: (): BrokerCredentials => agentCredentials(agent),
      })
    : undefined;
  const notifier = new SystemdNotifier(log);
  const agent = new Agent({
    config,
    demo,
    log,
    ...(rig
      ? {
          serialBinding: rig.serialBinding,
          hidBinding: rig.hidBinding,
          extraRoutes: [
            demoRoutes(rig),
            fleetRoutes({
              fleet,
              broker: (): { host: string; wsPort: number } | undefined =>
                agent.broker && { host: config.broker.host, wsPort: agent.broker.wsPort },
            }),
          ],
        }
      : {}),
    onRestartRequested: () => void shutdown("restart command", ExitCode.restartRequested),
  });

  let stopping = false;
  const shutdown = async (signal: string, exitCode: number = ExitCode.ok) => {
    if (stopping) {
      log.warn({ signal }, "second signal while stopping: exiting at once");
      process.exit(ExitCode.failure);
    }
    stopping = true;
    log.info({ signal }, "stopping");
    const forced = setTimeout(() => {
      log.error("services did not stop in time: exiting anyway");
      process.exit(ExitCode.software);
    }, STOP_TIMEOUT_MS);
    forced.unref();
    await notifier.stopping();
    // Before the broker goes: each simulated kiosk says goodbye like a real one.
    await fleet?.stop();
    await agent.stop();
    rig?.dispose();
    log.flush();
    process.exit(exitCode);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("uncaughtException", (error) => {
    log.fatal({ err: error }, "uncaught exception: exiting so the supervisor restarts the agent");
    log.flush();
    process.exit(ExitCode.software);
  });

  try {
    await agent.start();
  } catch (error) {
    await agent.stop().catch(() => undefined);
    throw error;
  }
  if (fleetSize > 0 && agent.broker) fleet?.start(agent.broker.url);
  await notifier.ready(`serving ${agent.httpUrl}`);

  const lines = [
    `Linli agent is running${demo ? " in demo mode (embedded broker, sample circle)" : ""}.`,
    `  kiosk:     ${config.kiosk.name} (${config.kiosk.site}/${config.kiosk.id})`,
    `  kiosk UI:  ${agent.httpUrl}/`,
    `  API:       ${agent.httpUrl}/api/v1/health`,
    // The URL never carries credentials; the agent's own are never shown.
    agent.broker
      ? `  MQTT:      ${agent.broker.url} (WebSocket port ${agent.broker.wsPort}; ${agent.broker.signInRequired ? `sign-in required, ${config.broker.users.length} users` : "open"})`
      : "",
    demo ? `  fleet:     ${agent.httpUrl}/fleet (${fleetSize} simulated kiosks)` : "",
    `  config:    ${file ?? "built-in defaults"}; store: ${config.store.path}`,
    "Open the kiosk UI in a browser. Stop with Ctrl+C (or SIGTERM).",
  ];
  process.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);
}

function agentCredentials(agent: Agent): BrokerCredentials {
  if (!agent.broker) throw new Error("the simulated fleet needs the embedded broker");
  return agent.broker.agentCredentials;
}
