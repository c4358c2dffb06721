/**
 * The contract every PaymentProvider keeps, run against each implementation
 * (the simulated one now; a real provider's sandbox when one is added): ids
 * are idempotency keys, a closed charge cannot be paid, a refund never
 * exceeds what was paid and never happens twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/index.js";
import { tempStorePath } from "../parcels/testing.js";
import { isRetryable, type PaymentError, type PaymentProvider } from "./provider.js";
import { SimulatedPaymentProvider } from "./simulated-provider.js";

interface ProviderUnderTest {
  provider: PaymentProvider;
  /** The resident pays the charge on the phone. */
  pay(chargeId: string): Promise<void>;
  close(): void;
}

const inAMinute = () => new Date(Date.now() + 60_000);

async function failure(work: Promise<unknown>): Promise<PaymentError> {
  return work.then(
    () => {
      throw new Error("expected the provider to refuse");
    },
    (error: PaymentError) => error,
  );
}

function paymentProviderContract(name: string, open: () => ProviderUnderTest): void {
  describe(`${name} (the payment provider contract)`, () => {
    let under: ProviderUnderTest;
    afterEach(() => under.close());

    it("returns the same charge for the same order id", async () => {
      under = open();
      const request = {
        orderId: "order-a",
        amountFen: 200,
        description: "矿泉水",
        expiresAt: inAMinute(),
      };
      const first = await under.provider.createCharge(request);
      const again = await under.provider.createCharge(request);
      expect(again).toEqual(first);
      expect(first).toMatchObject({ state: "pending", amountFen: 200, paidAt: null });
      expect(first.qrText.length).toBeGreaterThan(0);
    });

    it("confirms a charge only once it is paid, and says so in a notification", async () => {
      under = open();
      const notified: string[] = [];
      under.provider.onChargeUpdate((charge) =>
        notified.push(`${charge.chargeId}:${charge.state}`),
      );
      const charge = await under.provider.createCharge({
        orderId: "order-b",
        amountFen: 300,
        description: "纸巾",
        expiresAt: inAMinute(),
      });
      expect((await under.provider.getCharge(charge.chargeId)).state).toBe("pending");
      await under.pay(charge.chargeId);
      expect((await under.provider.getCharge(charge.chargeId)).state).toBe("paid");
      await expect.poll(() => notified).toEqual([`${charge.chargeId}:paid`]);
    });

    it("closes an unpaid charge for good, and leaves a paid one paid", async () => {
      under = open();
      const unpaid = await under.provider.createCharge({
        orderId: "order-c",
        amountFen: 500,
        description: "口罩",
        expiresAt: inAMinute(),
      });
      expect((await under.provider.cancelCharge(unpaid.chargeId)).state).toBe("cancelled");
      await expect(under.pay(unpaid.chargeId)).rejects.toThrow();
      const paid = await under.provider.createCharge({
        orderId: "order-d",
        amountFen: 500,
        description: "口罩",
        expiresAt: inAMinute(),
      });
      await under.pay(paid.chargeId);
      expect((await under.provider.cancelCharge(paid.chargeId)).state).toBe("paid");
    });

    it("expires a charge at its deadline", async () => {
      under = open();
      const charge = await under.provider.createCharge({
        orderId: "order-e",
        amountFen: 800,
        description: "电池",
        expiresAt: new Date(Date.now() - 1),
      });
      expect((await under.provider.getCharge(charge.chargeId)).state).toBe("expired");
      await expect(under.pay(charge.chargeId)).rejects.toThrow();
    });

    it("refunds once per refund id, and never more than was paid", async () => {
      under = open();
      const charge = await under.provider.createCharge({
        orderId: "order-f",
        amountFen: 200,
        description: "矿泉水",
        expiresAt: inAMinute(),
      });
      const request = {
        refundId: "refund-f",
        chargeId: charge.chargeId,
        amountFen: 200,
        reason: "jammed",
      };
      const unpaid = await failure(under.provider.refund(request));
      expect(isRetryable(unpaid)).toBe(false);
      await under.pay(charge.chargeId);
      const first = await under.provider.refund(request);
      expect(await under.provider.refund(request)).toEqual(first);
      const more = await failure(
        under.provider.refund({ ...request, refundId: "refund-f2", amountFen: 1 }),
      );
      expect(isRetryable(more)).toBe(false);
    });
  });
}

function simulated(): ProviderUnderTest & { provider: SimulatedPaymentProvider } {
  const store = new Store(tempStorePath(), createLogger({ level: "silent" }));
  store.start();
  const provider = new SimulatedPaymentProvider({ db: store.db });
  return {
    provider,
    pay: async (chargeId) => {
      provider.pay(chargeId);
    },
    close: () => store.stop(),
  };
}

paymentProviderContract("the simulated provider", simulated);

describe("the simulated provider's faults", () => {
  it("fails refunds for a while as a busy provider does, and then refunds", async () => {
    const { provider, close } = simulated();
    try {
      const charge = await provider.createCharge({
        orderId: "order-g",
        amountFen: 200,
        description: "矿泉水",
        expiresAt: inAMinute(),
      });
      provider.pay(charge.chargeId);
      provider.failNextRefunds(1);
      const request = {
        refundId: "refund-g",
        chargeId: charge.chargeId,
        amountFen: 200,
        reason: "jammed",
      };
      expect(isRetryable(await failure(provider.refund(request)))).toBe(true);
      expect(await provider.refund(request)).toMatchObject({ amountFen: 200 });
      provider.offline = true;
      expect(isRetryable(await failure(provider.getCharge(charge.chargeId)))).toBe(true);
    } finally {
      close();
    }
  });
});
