/**
 * Vending end to end on a real serial code path: HTTP routes, the vending
 * service and the simulated payment provider, the VMC driver on the real
 * serialport binding across a socat pty pair, and a VMC simulator on the
 * other end counting what it dispensed. What counts is what the resident's
 * screen says, what the machine did, and what the operator sees.
 */
import { LinliError } from "@linli/protocols";
import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendingOperatorRoutes, vendingRoutes } from "../../edge-agent/src/http/routes/vending.js";
import type { HttpApp } from "../../edge-agent/src/http/types.js";
import { buildServicesApp } from "../../edge-agent/src/services/parcels/testing.js";
import {
  openVendingRig,
  VENDING_ID,
  type VendingRig,
} from "../../edge-agent/src/services/vending/testing.js";

const operator = { "x-operator": "signed-in" };
const guard = async (request: FastifyRequest) => {
  if (request.headers["x-operator"] !== "signed-in") {
    throw new LinliError("LINLI_ERR_OPERATOR_UNAUTHENTICATED", "sign in first", { status: 401 });
  }
};

let rig: VendingRig;
let app: HttpApp;

beforeAll(async () => {
  rig = await openVendingRig({ link: "pty" });
  app = await buildServicesApp([
    vendingRoutes({ vending: rig.vending }),
    vendingOperatorRoutes({
      vending: rig.vending,
      guard,
      actorOf: () => ({ sessionId: "session-ops", clientKey: "127.0.0.1" }),
    }),
  ]);
});
afterAll(async () => {
  await app?.close();
  await rig?.close();
});

interface Order {
  id: string;
  state: string;
  payment: { chargeId: string; qr: string } | null;
  outcome: { message: string; finished: boolean };
}

/** A resident orders a product, pays on the phone, and watches the screen until it is done. */
async function buy(slot: number): Promise<Order> {
  // As the kiosk UI does: offer the product only while the unit says it can sell it.
  const offered = Date.now() + 10_000;
  for (;;) {
    const { units } = (await app.inject({ url: "/api/v1/vending" })).json();
    const product = units[0].products.find((p: { slot: number }) => p.slot === slot);
    if (product?.available || Date.now() > offered) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const placed = await app.inject({
    method: "POST",
    url: "/api/v1/vending/orders",
    payload: { deviceId: VENDING_ID, slot, sessionId: "kiosk-session-42" },
  });
  expect(
    placed.statusCode,
    `${placed.body} ${JSON.stringify(rig.devices.get(VENDING_ID)?.device.health).slice(0, 200)}`,
  ).toBe(201);
  const order = placed.json() as Order;
  rig.payment.pay(order.payment?.chargeId ?? "");
  let shown = order;
  const deadline = Date.now() + 15_000;
  while (!shown.outcome.finished && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    shown = (await app.inject({ url: `/api/v1/vending/orders/${order.id}` })).json() as Order;
  }
  return shown;
}

const slotsSeen = async () =>
  (
    await app.inject({
      url: `/api/v1/operator/vending/slots?deviceId=${VENDING_ID}`,
      headers: operator,
    })
  ).json().items as { slot: number; stock: number }[];

describe("vending over a pty-attached VMC", () => {
  it("vends a paid product once, and the stock drops by one", async () => {
    const done = await buy(1);
    expect(done).toMatchObject({
      state: "vended",
      outcome: { message: "出货成功，请从取货口取走商品" },
    });
    expect(rig.vmc.vends).toMatchObject([{ selection: 1, result: "success" }]);
    expect((await slotsSeen()).find((slot) => slot.slot === 1)?.stock).toBe(2);
  });

  it("refunds a vend that jams, leaves the stock alone, and shows the operator the refund", async () => {
    rig.vmc.jamSlot(2);
    const done = await buy(2);
    expect(done).toMatchObject({
      state: "refunded",
      outcome: { message: "已退款 ¥3.00，将原路退回到您的付款账户" },
    });
    expect(rig.vmc.vends.filter((vend) => vend.selection === 2)).toMatchObject([
      { result: "jammed" },
    ]);
    expect((await slotsSeen()).find((slot) => slot.slot === 2)?.stock).toBe(3);

    const refunded = await app.inject({
      url: "/api/v1/operator/vending/orders?state=refunded",
      headers: operator,
    });
    expect(refunded.json().items).toMatchObject([
      { id: done.id, failure: "jammed", refund: { state: "succeeded", amountFen: 300 } },
    ]);
    const catalogue = (await app.inject({ url: "/api/v1/vending" })).json();
    expect(catalogue.units[0].products.find((p: { slot: number }) => p.slot === 2)).toMatchObject({
      inStock: true,
      available: false,
    });
    // Upstream heard every step of both orders, and never the resident's session.
    const states = rig.events("vending.order").filter((event) => event.orderId === done.id);
    expect(states.map((event) => event.state)).toEqual([
      "created",
      "awaiting_payment",
      "paid",
      "vending",
      "vend_failed",
      "refunding",
      "refunded",
    ]);
    expect(JSON.stringify(rig.events("vending.order"))).not.toContain("kiosk-session-42");
  });
});
