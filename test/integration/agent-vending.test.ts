/**
 * Vending on a running demo agent (`linli start --demo`, its own process):
 * the resident's screen orders and follows an order, the resident's phone
 * pays through the demo payment controls, the simulated VMC dispenses or
 * jams, and the operator sees stock and refunds. The screen's WebSocket
 * shows every step as `vending.order`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin, until } from "../support/api.js";

const PIN = "918273";
let agent: AgentProcess;
let api: AgentApi;
let socket: WebSocket;
const screen: { type: string; orderId?: string; state?: string }[] = [];

interface Catalogue {
  units: {
    deviceId: string;
    available: boolean;
    products: { slot: number; available: boolean }[];
  }[];
}
interface Order {
  id: string;
  state: string;
  payment: { chargeId: string } | null;
  outcome: { message: string; finished: boolean };
}

beforeAll(async () => {
  ({ agent, api } = await startAgentWithPin(PIN));
  await api.signIn(PIN);
  // The VMC reports its 24 slots one per POLL after connecting; a vend asked for meanwhile
  // waits behind them and can time out (then it is refunded), so the resident starts after.
  await until(async () => {
    const { body } = await api.call<{
      items: { id: string; health: { detail: { slots?: unknown[] } } }[];
    }>("GET", "/devices");
    const slots = body.items.find((device) => device.id === "vending-1")?.health.detail.slots;
    return slots?.length === 24 ? true : undefined;
  }, "the VMC to report its slots");
  socket = new WebSocket(`${agent.url.replace("http", "ws")}/api/v1/events`);
  socket.on("message", (data) => screen.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
});
afterAll(async () => {
  socket?.terminate();
  await agent?.stop();
});

/** The resident picks a product the screen offers, pays on the phone, and watches the screen. */
async function buy(slot: number): Promise<Order> {
  await until(async () => {
    const { body } = await api.call<Catalogue>("GET", "/vending");
    return body.units[0]?.products.find((product) => product.slot === slot)?.available || undefined;
  }, `slot ${slot} to be offered`);
  const placed = await api.call<Order>("POST", "/vending/orders", { deviceId: "vending-1", slot });
  expect(placed.status).toBe(201);
  const paid = await api.call<{ state: string }>(
    "POST",
    `/demo/payments/${placed.body.payment?.chargeId}/pay`,
  );
  expect(paid.body.state).toBe("paid");
  return until(async () => {
    const { body } = await api.call<Order>("GET", `/vending/orders/${placed.body.id}`);
    return body.outcome.finished ? body : undefined;
  }, `order ${placed.body.id} to finish`);
}

const stockOf = async (slot: number) => {
  const { body } = await api.call<{ items: { slot: number; stock: number }[] }>(
    "GET",
    "/operator/vending/slots?deviceId=vending-1",
    undefined,
    true,
  );
  return body.items.find((item) => item.slot === slot)?.stock;
};

describe("vending on a running demo agent", () => {
  it("sells the demo products, and refuses the operator's list without a session", async () => {
    const { body } = await api.call<Catalogue>("GET", "/vending");
    expect(body.units.map((unit) => unit.deviceId)).toEqual(["vending-1"]);
    expect(body.units[0]?.products).toHaveLength(8);
    expect((await api.call("GET", "/operator/vending/orders")).status).toBe(401);
  });

  it("vends a paid product: the stock drops by one and the machine records one vend", async () => {
    const before = await stockOf(1);
    const done = await buy(1);
    expect(done).toMatchObject({
      state: "vended",
      outcome: { message: "出货成功，请从取货口取走商品" },
    });
    expect(await stockOf(1)).toBe((before ?? 0) - 1);
    const machine = await api.call<{
      counters: { vendsSucceeded: number };
      slots: { selection: number; stock: number }[];
    }>("GET", "/demo/vending");
    expect(machine.body.counters.vendsSucceeded).toBe(1);
    expect(machine.body.slots.find((one) => one.selection === 1)?.stock).toBe(4);
  });

  it("refunds a vend that jams: stock unchanged, and the refund on the operator's list", async () => {
    await api.call("POST", "/demo/vending/slots/2", { jammed: true });
    const before = await stockOf(2);
    const done = await buy(2);
    expect(done.state).toBe("refunded");
    expect(done.outcome.message).toBe("已退款 ¥3.00，将原路退回到您的付款账户");
    expect(await stockOf(2)).toBe(before);
    const refunded = await api.call<{
      items: { id: string; failure: string; refund: { state: string; amountFen: number } }[];
    }>("GET", "/operator/vending/orders?state=refunded", undefined, true);
    expect(refunded.body.items).toMatchObject([
      { id: done.id, failure: "jammed", refund: { state: "succeeded", amountFen: 300 } },
    ]);
    const ledger = await api.call<{ charges: { orderId: string; refundedFen: number }[] }>(
      "GET",
      "/demo/payments",
    );
    expect(ledger.body.charges.find((charge) => charge.orderId === done.id)?.refundedFen).toBe(300);
    // The screen followed the order step by step over the WebSocket.
    await until(
      async () =>
        screen.some((m) => m.orderId === done.id && m.state === "refunded") ? true : undefined,
      "the refund on the events stream",
    );
    const steps = screen
      .filter((m) => m.type === "vending.order" && m.orderId === done.id)
      .map((m) => m.state);
    expect(steps).toEqual([
      "created",
      "awaiting_payment",
      "paid",
      "vending",
      "vend_failed",
      "refunding",
      "refunded",
    ]);
  });

  it("closes a declined payment with nothing vended, and refunds through a provider that is busy for a while", async () => {
    const placed = await api.call<Order>("POST", "/vending/orders", {
      deviceId: "vending-1",
      slot: 5,
    });
    await api.call("POST", `/demo/payments/${placed.body.payment?.chargeId}/decline`);
    const declined = await until(async () => {
      const { body } = await api.call<Order>("GET", `/vending/orders/${placed.body.id}`);
      return body.state === "declined" ? body : undefined;
    }, "the decline");
    expect(declined.outcome.message).toBe("付款没有成功，没有扣款，可以重新下单");

    await api.call("POST", "/demo/payments/faults", { failRefunds: 2 });
    await api.call("POST", "/demo/vending/slots/6", { jammed: true });
    const done = await buy(6);
    expect(done.state).toBe("refunded");
    const order = await api.call<{ refund: { attempts: number } }>(
      "GET",
      `/operator/vending/orders/${done.id}`,
      undefined,
      true,
    );
    expect(order.body.refund.attempts).toBe(3);
    const machine = await api.call<{ counters: { vendsSucceeded: number; vendsFailed: number } }>(
      "GET",
      "/demo/vending",
    );
    expect(machine.body.counters).toMatchObject({ vendsSucceeded: 1, vendsFailed: 2 });
  });

  it("lists the vending and demo payment routes in the OpenAPI document", async () => {
    const docs = await api.call<{ paths: Record<string, unknown> }>("GET", "/docs/json");
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/vending",
        "/api/v1/vending/orders",
        "/api/v1/vending/orders/{id}",
        "/api/v1/vending/orders/{id}/cancel",
        "/api/v1/operator/vending/orders",
        "/api/v1/operator/vending/orders/{id}/refund",
        "/api/v1/operator/vending/restock",
        "/api/v1/operator/vending/slots",
        "/api/v1/demo/payments/{chargeId}/pay",
      ]),
    );
  });
});
