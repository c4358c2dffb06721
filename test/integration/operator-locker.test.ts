/**
 * The operator opens a locker door for maintenance through the HTTP API, on
 * a real device manager and KR-CU16 driver over the in-process serial
 * binding and the bus simulator; the kiosk's screens follow on the events
 * WebSocket. One request, one physical open, even when it is sent again.
 */
import type { AddressInfo } from "node:net";
import { loadProfiles } from "@linli/device-profiles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SimulatedSerialBinding } from "../../edge-agent/src/bindings/serial-simulated.js";
import { DRIVERS } from "../../edge-agent/src/devices/drivers.js";
import { relayJobStates } from "../../edge-agent/src/devices/jobs/job-events.js";
import { DeviceManager } from "../../edge-agent/src/devices/manager.js";
import { byteTransportFactories } from "../../edge-agent/src/devices/transports/factories.js";
import { EventStream, eventsWebSocketRoutes } from "../../edge-agent/src/http/routes/events-ws.js";
import { createLogger } from "../../edge-agent/src/log.js";
import { type OperatorRig, operatorRig, TEST_PIN } from "../../edge-agent/src/operator/testing.js";
import { KrCu16BusSimulator } from "../../edge-agent/src/simulators/lockers/krcu16-bus.js";

const BOARD_1 = 0; // the KR-CU16 wire address of board 1
const log = createLogger({ level: "silent" });

async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = "a condition") {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("an operator opening a locker door", () => {
  const simulator = new KrCu16BusSimulator({ boards: [BOARD_1] });
  let manager: DeviceManager | undefined;
  let stream: EventStream | undefined;
  let rig: OperatorRig;
  let base: string;
  let socket: WebSocket;
  const screen: Record<string, unknown>[] = [];

  beforeAll(async () => {
    rig = await operatorRig({
      devices: async ({ jobs, bus }) => {
        const serialBinding = new SimulatedSerialBinding();
        serialBinding.plug("/dev/ttyUSB3", simulator);
        relayJobStates(jobs, bus, log);
        manager = new DeviceManager({
          devices: [
            {
              id: "lockers-1",
              profile: "kerong-kr-cu16",
              transport: { type: "serial", path: "/dev/ttyUSB3" },
              options: {},
            },
          ],
          profiles: loadProfiles(),
          drivers: DRIVERS,
          transports: byteTransportFactories({
            serialBinding,
            backoff: { initialMs: 50, maxMs: 300 },
          }),
          jobs,
          bus,
          log,
        });
        await manager.start();
        return manager;
      },
      routes: ({ bus }) => {
        stream = new EventStream({ bus, ...(manager ? { devices: manager } : {}) });
        stream.start();
        return [eventsWebSocketRoutes(stream)];
      },
    });
    await until(
      () => manager?.get("lockers-1")?.device.health.state === "ready",
      10_000,
      "the board",
    );
    await rig.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(rig.app.server.address() as AddressInfo).port}/api/v1`;
    socket = new WebSocket(`${base.replace("http", "ws")}/events`);
    socket.on("message", (data) => screen.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
  });

  afterAll(async () => {
    socket?.terminate();
    stream?.stop();
    await manager?.stop();
    await rig?.close();
    simulator.dispose();
  });

  async function login(): Promise<string> {
    const response = await fetch(`${base}/operator/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pin: TEST_PIN }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }

  const openDoor = (cookie: string, body: object) =>
    fetch(`${base}/operator/devices/lockers-1/open-door`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    });

  const jobState = async (cookie: string, id: string) =>
    (
      (await (await fetch(`${base}/operator/jobs/${id}`, { headers: { cookie } })).json()) as {
        state: string;
      }
    ).state;

  it("opens the door once, and not again for the same requestId", async () => {
    const cookie = await login();
    const refused = await openDoor("", { board: 1, lock: 5, requestId: "maint-1" });
    expect(refused.status).toBe(401);

    const first = await openDoor(cookie, { board: 1, lock: 5, requestId: "maint-1" });
    expect(first.status).toBe(200);
    const job = (await first.json()) as { id: string };
    await until(async () => (await jobState(cookie, job.id)) === "done", 10_000, "the open");
    expect(simulator.opensOf(BOARD_1, 5)).toBe(1);

    const again = await openDoor(cookie, { board: 1, lock: 5, requestId: "maint-1" });
    expect(((await again.json()) as { id: string }).id).toBe(job.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(simulator.opensOf(BOARD_1, 5)).toBe(1);
    expect(rig.audit.recent().filter((entry) => entry.action === "open_door")).toHaveLength(1);
  });

  it("shows the job's progress and the door on the screens, and nothing of the operator", async () => {
    await until(
      () => screen.some((message) => message.type === "job.state" && message.state === "done"),
      5_000,
      "job.state done on the stream",
    );
    const jobStates = screen.filter((message) => message.type === "job.state");
    expect(jobStates.map((message) => message.state)).toEqual(["queued", "running", "done"]);
    expect(jobStates[0]).toMatchObject({ deviceId: "lockers-1", kind: "door_open" });
    await until(
      () =>
        screen.some(
          (message) =>
            message.type === "device.state" &&
            (message.health as { state: string }).state === "door_open",
        ),
      5_000,
      "the door shown open",
    );
    const text = JSON.stringify(screen);
    expect(text).not.toMatch(/operator|login|sessionId|open_door"|maint-1"/);
  });

  it("records the action and the job in the event log", async () => {
    const cookie = await login();
    const response = await fetch(`${base}/operator/events?deviceId=lockers-1`, {
      headers: { cookie },
    });
    const { items } = (await response.json()) as {
      items: { type: string; data: Record<string, unknown> }[];
    };
    expect(items.some((entry) => entry.type === "operator.action")).toBe(true);
    expect(items.some((entry) => entry.type === "job.state" && entry.data.state === "done")).toBe(
      true,
    );
  });
});
