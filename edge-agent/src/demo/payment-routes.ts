import Type from "typebox";
import type { HttpApp } from "../http/types.js";
import type { SimulatedPaymentProvider } from "../services/payment/simulated-provider.js";

/**
 * Demo mode only: the resident's phone and the provider's back office for the
 * simulated payment provider. Pay or decline a charge (what scanning the QR
 * and confirming on a phone would do), read the ledger, and make refunds fail
 * for a while, so the demo, the operator console and the end-to-end tests can
 * show a paid vend and a refunded one. Never registered outside `--demo`:
 * outside it there is no provider that takes pretend money.
 */
export function demoPaymentRoutes(options: { payment: SimulatedPaymentProvider }) {
  const { payment } = options;
  const tags = ["demo"];
  const ChargeParams = Type.Object(
    { chargeId: Type.String({ pattern: "^sim-[0-9a-f-]{36}$" }) },
    { additionalProperties: false },
  );

  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/demo/payments",
      {
        schema: {
          summary: "Demo: the simulated provider's charges, newest first, with what was refunded",
          tags,
          querystring: Type.Object(
            { last: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => ({
        offline: payment.offline,
        charges: payment.ledger(request.query.last ?? 20).map((charge) => ({
          ...charge,
          refunds: payment.refunds(charge.chargeId),
        })),
      }),
    );

    app.post(
      "/demo/payments/:chargeId/pay",
      {
        schema: {
          summary: "Demo: the resident scans the QR and pays (only a pending charge can be paid)",
          tags,
          params: ChargeParams,
        },
      },
      async (request) => payment.pay(request.params.chargeId),
    );

    app.post(
      "/demo/payments/:chargeId/decline",
      {
        schema: {
          summary: "Demo: the resident's bank declines the payment",
          tags,
          params: ChargeParams,
        },
      },
      async (request) => payment.decline(request.params.chargeId),
    );

    app.post(
      "/demo/payments/faults",
      {
        schema: {
          summary:
            "Demo: make the next refunds fail (for a while, or refused for good), or cut the provider off",
          tags,
          body: Type.Object(
            {
              failRefunds: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              refundsRefused: Type.Optional(Type.Boolean()),
              offline: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { failRefunds, refundsRefused, offline } = request.body;
        if (failRefunds !== undefined) {
          payment.failNextRefunds(failRefunds, { permanent: refundsRefused === true });
        }
        if (offline !== undefined) payment.offline = offline;
        return { offline: payment.offline };
      },
    );
  };
}
