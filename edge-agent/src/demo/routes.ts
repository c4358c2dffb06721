import { LinliError } from "@linli/protocols";
import Type from "typebox";
import type { HttpApp } from "../http/types.js";
import type { LockerBusSimulator } from "../simulators/lockers/locker-bus.js";
import type { DemoRig } from "./devices.js";

/**
 * Demo mode only: the hands of a person standing at the simulated hardware.
 * They put paper in or take it out, jam a vending slot, close a locker door,
 * scan a code or press a rating button, and read the printed receipts off
 * the simulated printer, so the demo, the operator console and the end-to-end
 * tests can show what real hardware would do. Never registered outside
 * `--demo`; nothing here touches the agent's own state except through the
 * simulated devices.
 */
export function demoRoutes(rig: DemoRig) {
  const { simulators } = rig;
  const lockers: Readonly<Record<string, LockerBusSimulator>> = {
    "lockers-1": simulators.parcelLockers,
    "cabinet-1": simulators.sharedCabinet,
  };
  const requireLockers = (deviceId: string): LockerBusSimulator => {
    const simulator = lockers[deviceId];
    if (!simulator) {
      throw new LinliError(
        "LINLI_ERR_DEMO_NO_SUCH_SIMULATOR",
        `no simulated locker bank "${deviceId}": the demo has ${Object.keys(lockers).join(", ")}`,
        { status: 404 },
      );
    }
    return simulator;
  };
  const tags = ["demo"];

  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/demo/printer",
      {
        schema: {
          summary: "Demo: the simulated printer's state and the receipts it printed, newest last",
          tags,
          querystring: Type.Object(
            { last: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { printer } = simulators;
        const last = request.query.last ?? 10;
        return {
          printer: printer.snapshot(),
          receipts: printer.receipts.slice(-last).map((receipt) => ({
            text: receipt.text,
            qrCodes: receipt.qrCodes.map((qr) => qr.data),
            cutAt: receipt.cutAt.toISOString(),
          })),
        };
      },
    );

    app.post(
      "/demo/printer",
      {
        schema: {
          summary: "Demo: take the paper out, open the cover or switch the simulated printer off",
          tags,
          body: Type.Object(
            {
              paper: Type.Optional(
                Type.Union([Type.Literal("ok"), Type.Literal("near_end"), Type.Literal("out")]),
              ),
              coverOpen: Type.Optional(Type.Boolean()),
              online: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { printer } = simulators;
        const { paper, coverOpen, online } = request.body;
        if (paper !== undefined) printer.setPaper(paper);
        if (coverOpen === true) printer.openCover();
        if (coverOpen === false) printer.closeCover();
        if (online === false) printer.goOffline();
        if (online === true) printer.goOnline();
        return { printer: printer.snapshot() };
      },
    );

    const LockerParams = Type.Object({ device: Type.String({ pattern: "^[a-z0-9-]{1,40}$" }) });

    app.get(
      "/demo/lockers/:device",
      {
        schema: {
          summary: "Demo: every door of a simulated lock board as the hardware sees it",
          tags,
          params: LockerParams,
        },
      },
      async (request) => requireLockers(request.params.device).snapshot(),
    );

    app.post(
      "/demo/lockers/:device/doors",
      {
        schema: {
          summary: "Demo: close, jam or leave open a door, or put an item in or take it out",
          tags,
          params: LockerParams,
          body: Type.Object(
            {
              board: Type.Integer({ minimum: 0, maximum: 255 }),
              lock: Type.Integer({ minimum: 1, maximum: 255 }),
              action: Type.Union([
                Type.Literal("close"),
                Type.Literal("jam"),
                Type.Literal("unjam"),
                Type.Literal("leave-open"),
                Type.Literal("put-item"),
                Type.Literal("take-item"),
              ]),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const simulator = requireLockers(request.params.device);
        const { board, lock, action } = request.body;
        const known = simulator
          .snapshot()
          .boards.some((spec) => spec.address === board && spec.locks.some((l) => l.lock === lock));
        if (!known) {
          throw new LinliError(
            "LINLI_ERR_DEMO_NO_SUCH_DOOR",
            `the simulated bank "${request.params.device}" has no lock ${lock} on board ${board}`,
            { status: 404 },
          );
        }
        if (action === "close") simulator.closeDoor(board, lock);
        if (action === "jam") simulator.jam(board, lock);
        if (action === "unjam") simulator.unjam(board, lock);
        if (action === "leave-open") simulator.leaveOpen(board, lock);
        if (action === "put-item") simulator.setItemPresent(board, lock, true);
        if (action === "take-item") simulator.setItemPresent(board, lock, false);
        return simulator.snapshot();
      },
    );

    app.get(
      "/demo/vending",
      { schema: { summary: "Demo: the simulated vending unit's slots and counters", tags } },
      async () => simulators.vending.snapshot(),
    );

    app.post(
      "/demo/vending/slots/:selection",
      {
        schema: {
          summary: "Demo: jam or clear a slot, or load it with stock, at the simulated unit",
          tags,
          params: Type.Object({ selection: Type.Integer({ minimum: 1, maximum: 999 }) }),
          body: Type.Object(
            {
              jammed: Type.Optional(Type.Boolean()),
              stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { vending } = simulators;
        const { selection } = request.params;
        if (!vending.snapshot().slots.some((slot) => slot.selection === selection)) {
          throw new LinliError(
            "LINLI_ERR_DEMO_NO_SUCH_SLOT",
            `the simulated vending unit has no selection ${selection}`,
            { status: 404 },
          );
        }
        const { jammed, stock } = request.body;
        if (jammed === true) vending.jamSlot(selection);
        if (jammed === false) vending.clearJam(selection);
        if (stock !== undefined) vending.setStock(selection, stock);
        return vending.snapshot();
      },
    );

    app.post(
      "/demo/scanner/scan",
      {
        schema: {
          summary: "Demo: hold a code under the simulated QR scanner",
          tags,
          body: Type.Object(
            { text: Type.String({ minLength: 1, maxLength: 512 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        simulators.scanner.scan(request.body.text);
        return reply.status(204).send();
      },
    );

    app.post(
      "/demo/rating-box/press",
      {
        schema: {
          summary: "Demo: press a button on the simulated rating box (5 非常满意 … 1 非常不满意)",
          tags,
          body: Type.Object(
            { score: Type.Integer({ minimum: 1, maximum: 5 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        simulators.ratingBox.press(request.body.score as 1 | 2 | 3 | 4 | 5);
        return reply.status(204).send();
      },
    );
  };
}
