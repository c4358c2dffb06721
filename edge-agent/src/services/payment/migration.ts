/**
 * The simulated payment provider's ledger (see simulated-provider.ts): what a
 * real provider keeps on its servers. Empty on a kiosk that uses a real one.
 */
export const simulatedPaymentTables = `
  CREATE TABLE payment_sim_charges (
    charge_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL UNIQUE,
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 1),
    description TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'declined', 'expired', 'cancelled')),
    qr_text TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    paid_at TEXT
  ) STRICT;
  CREATE TABLE payment_sim_refunds (
    refund_id TEXT PRIMARY KEY,
    provider_refund_id TEXT NOT NULL UNIQUE,
    charge_id TEXT NOT NULL REFERENCES payment_sim_charges (charge_id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 1),
    reason TEXT NOT NULL,
    refunded_at TEXT NOT NULL
  ) STRICT;
`;
