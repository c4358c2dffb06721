/**
 * What each vending unit sells: per slot a product (zh/en name), a price in
 * fen, a stock count and whether it is on sale. The first products and
 * prices come from the unit's configuration (`options.products` of its
 * device entry); after that the operator's restocks rule: a restart takes
 * new names from the config but never overwrites a price, stock or on/off
 * the operator set. The stock count lives here because a VMC cannot be told
 * its stock; it drops only when a vend is confirmed.
 */
import { LinliError } from "@linli/protocols";
import type { OperatorVendingSlot } from "@linli/protocols/api";
import Type, { type Static } from "typebox";
import { Compile } from "typebox/compile";
import type { SqliteDatabase } from "../../store/index.js";

export const VendingProductConfig = Type.Object(
  {
    slot: Type.Integer({ minimum: 1, maximum: 1000, description: "the slot it is loaded in" }),
    nameZh: Type.String({ minLength: 1, maxLength: 40, description: "e.g. 矿泉水" }),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    priceFen: Type.Integer({ minimum: 1, maximum: 1_000_000, description: "the price in fen" }),
    stock: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 999,
        description: "the stock the first time; 0 if left out",
      }),
    ),
  },
  { additionalProperties: false },
);
export type VendingProductConfig = Static<typeof VendingProductConfig>;

/** The part of a vending device's `options` this service reads; the driver reads the rest. */
const ProductsOption = Type.Array(VendingProductConfig, { maxItems: 1000 });
const checkProducts = Compile(ProductsOption);

export interface VendingUnitConfig {
  readonly deviceId: string;
  readonly products: readonly VendingProductConfig[];
}

/** The products of each configured device that lists some, checked at the boundary. */
export function vendingUnitsOf(
  devices: readonly { id: string; options: Record<string, unknown> }[],
): VendingUnitConfig[] {
  return devices.flatMap(({ id, options }) => {
    const products = options.products;
    if (products === undefined) return [];
    if (!checkProducts.Check(products)) {
      const [error] = checkProducts.Errors(products);
      throw new LinliError(
        "LINLI_ERR_CONFIG_VENDING_PRODUCTS",
        `device ${id}: options.products${error?.instancePath ?? ""} ${error?.message ?? "is not valid"}; each product is {slot, nameZh, nameEn?, priceFen, stock?}`,
        { details: { deviceId: id } },
      );
    }
    const slots = new Set<number>();
    for (const product of products) {
      if (slots.has(product.slot)) {
        throw new LinliError(
          "LINLI_ERR_CONFIG_VENDING_PRODUCTS",
          `device ${id}: options.products lists slot ${product.slot} twice; one product per slot`,
          { details: { deviceId: id } },
        );
      }
      slots.add(product.slot);
    }
    return [{ deviceId: id, products }];
  });
}

export interface SlotRow {
  device_id: string;
  slot: number;
  name_zh: string;
  name_en: string;
  price_fen: number;
  stock: number;
  enabled: 0 | 1;
  updated_at: string;
}

/** Order states that promise an item from a slot: they count against its stock. */
export const HOLDING_STATES = ["created", "awaiting_payment", "paid", "vending"] as const;
const HOLDING_SQL = HOLDING_STATES.map((state) => `'${state}'`).join(", ");

export interface RestockChange {
  stock: number;
  priceFen?: number | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  enabled?: boolean | undefined;
}

export function toOperatorSlot(row: SlotRow, held: number, jammed: boolean): OperatorVendingSlot {
  return {
    deviceId: row.device_id,
    slot: row.slot,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    priceFen: row.price_fen,
    stock: row.stock,
    held,
    enabled: row.enabled === 1,
    jammed,
    updatedAt: row.updated_at,
  };
}

export class SlotCatalogue {
  readonly #db: SqliteDatabase;
  readonly #now: () => Date;

  constructor(db: SqliteDatabase, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** Adds the configured products not yet known; known ones only take the config's names. */
  seed(unit: VendingUnitConfig): void {
    const insert = this.#db.prepare(
      `INSERT INTO vending_slots (device_id, slot, name_zh, name_en, price_fen, stock, enabled, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT (device_id, slot) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en`,
    );
    const at = this.#now().toISOString();
    this.#db.transaction(() => {
      for (const product of unit.products) {
        insert.run(
          unit.deviceId,
          product.slot,
          product.nameZh,
          product.nameEn ?? product.nameZh,
          product.priceFen,
          product.stock ?? 0,
          at,
        );
      }
    })();
  }

  get(deviceId: string, slot: number): SlotRow | undefined {
    return this.#db
      .prepare("SELECT * FROM vending_slots WHERE device_id = ? AND slot = ?")
      .get(deviceId, slot) as SlotRow | undefined;
  }

  list(deviceId?: string): SlotRow[] {
    return (
      deviceId === undefined
        ? this.#db.prepare("SELECT * FROM vending_slots ORDER BY device_id, slot").all()
        : this.#db
            .prepare("SELECT * FROM vending_slots WHERE device_id = ? ORDER BY slot")
            .all(deviceId)
    ) as SlotRow[];
  }

  /** Items promised to orders not yet vended, per "<device>/<slot>". */
  heldCounts(): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT device_id, slot, COUNT(*) AS held FROM vending_orders
         WHERE state IN (${HOLDING_SQL}) GROUP BY device_id, slot`,
      )
      .all() as { device_id: string; slot: number; held: number }[];
    return new Map(rows.map((row) => [`${row.device_id}/${row.slot}`, row.held]));
  }

  held(deviceId: string, slot: number): number {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS held FROM vending_orders WHERE device_id = ? AND slot = ? AND state IN (${HOLDING_SQL})`,
      )
      .get(deviceId, slot) as { held: number };
    return row.held;
  }

  /**
   * Records what the operator loaded. A slot with no product yet needs its
   * name and price; returns the slot as it now is.
   */
  restock(deviceId: string, slot: number, change: RestockChange): SlotRow {
    const at = this.#now().toISOString();
    const before = this.get(deviceId, slot);
    if (!before) {
      if (change.nameZh === undefined || change.priceFen === undefined) {
        throw new LinliError(
          "LINLI_ERR_VENDING_NEW_PRODUCT",
          `slot ${slot} of ${deviceId} has no product yet: give nameZh and priceFen with the stock`,
          { status: 400 },
        );
      }
      this.#db
        .prepare(
          `INSERT INTO vending_slots (device_id, slot, name_zh, name_en, price_fen, stock, enabled, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          deviceId,
          slot,
          change.nameZh,
          change.nameEn ?? change.nameZh,
          change.priceFen,
          change.stock,
          change.enabled === false ? 0 : 1,
          at,
        );
    } else {
      this.#db
        .prepare(
          `UPDATE vending_slots SET stock = ?, price_fen = ?, name_zh = ?, name_en = ?, enabled = ?, updated_at = ?
           WHERE device_id = ? AND slot = ?`,
        )
        .run(
          change.stock,
          change.priceFen ?? before.price_fen,
          change.nameZh ?? before.name_zh,
          change.nameEn ?? (change.nameZh === undefined ? before.name_en : change.nameZh),
          change.enabled === undefined ? before.enabled : change.enabled ? 1 : 0,
          at,
          deviceId,
          slot,
        );
    }
    return this.get(deviceId, slot) as SlotRow;
  }

  /** One item left the slot (a confirmed vend); never below zero. */
  dispensed(deviceId: string, slot: number): void {
    this.#db
      .prepare(
        "UPDATE vending_slots SET stock = MAX(stock - 1, 0), updated_at = ? WHERE device_id = ? AND slot = ?",
      )
      .run(this.#now().toISOString(), deviceId, slot);
  }
}
