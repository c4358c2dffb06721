import type { Migration } from "../../store/index.js";
import { simulatedPaymentTables } from "../payment/migration.js";

/**
 * Vending: the slots' products, prices and stock (the VMC cannot be told its
 * stock, so the kiosk's count is the one that sells), the orders with their
 * payment and vend, and the refunds. Orders keep no personal data: the kiosk
 * UI's session id at most. Plus the simulated payment provider's ledger.
 * The SQL is written out in full (not built from constants) so it never changes once shipped.
 */
export const vendingMigration: Migration = {
  version: 9,
  name: "vending: slots, orders, refunds, simulated payments",
  sql: `
    CREATE TABLE vending_slots (
      device_id TEXT NOT NULL,
      slot INTEGER NOT NULL CHECK (slot >= 1),
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      price_fen INTEGER NOT NULL CHECK (price_fen >= 1),
      stock INTEGER NOT NULL CHECK (stock >= 0),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (device_id, slot)
    ) STRICT;

    CREATE TABLE vending_orders (
      id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      slot INTEGER NOT NULL,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 1),
      state TEXT NOT NULL CHECK (state IN ('created', 'awaiting_payment', 'paid', 'vending',
        'vended', 'vend_failed', 'refunding', 'refunded', 'expired', 'cancelled', 'declined')),
      session_id TEXT,
      charge_id TEXT UNIQUE,
      charge_qr TEXT,
      pay_by TEXT NOT NULL,
      vend_job_id TEXT,
      failure TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      paid_at TEXT,
      vended_at TEXT
    ) STRICT;
    CREATE INDEX vending_orders_by_state ON vending_orders (state, created_at);
    CREATE INDEX vending_orders_by_slot ON vending_orders (device_id, slot, state);
    CREATE INDEX vending_orders_by_created ON vending_orders (created_at);

    CREATE TABLE vending_refunds (
      id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL UNIQUE REFERENCES vending_orders (id),
      charge_id TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 1),
      reason TEXT NOT NULL,
      requested_by TEXT NOT NULL CHECK (requested_by IN ('system', 'operator')),
      state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at TEXT NOT NULL,
      provider_refund_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      completed_at TEXT
    ) STRICT;
    CREATE INDEX vending_refunds_by_state ON vending_refunds (state, next_attempt_at);
    ${simulatedPaymentTables}
  `,
};
