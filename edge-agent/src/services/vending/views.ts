/** What residents and operators see of the catalogue: read-only views over the slots and units. */
import type {
  OperatorVendingSlot,
  VendingCatalogueResponse,
  VendingUnit,
} from "@linli/protocols/api";
import { toOperatorSlot } from "./catalogue.js";
import type { VendingContext } from "./context.js";
import { noSuchUnit } from "./refusals.js";
import { isOnline, slotBlocked, vendingUnit, vendingUnitIds } from "./units.js";

/** What residents can buy now, per unit; stock counts stay with the operator. */
export function catalogueView(ctx: VendingContext): VendingCatalogueResponse {
  const held = ctx.catalogue.heldCounts();
  const units = vendingUnitIds(ctx.devices).map((deviceId): VendingUnit => {
    const unit = vendingUnit(ctx.devices, deviceId);
    const online = unit !== undefined && isOnline(unit);
    const reason = !online ? "offline" : ctx.payment ? null : "payment_unavailable";
    const products = ctx.catalogue
      .list(deviceId)
      .filter((slot) => slot.enabled === 1)
      .map((slot) => {
        const inStock = slot.stock - (held.get(`${deviceId}/${slot.slot}`) ?? 0) > 0;
        const blocked = unit === undefined || slotBlocked(unit, slot.slot);
        return {
          slot: slot.slot,
          nameZh: slot.name_zh,
          nameEn: slot.name_en,
          priceFen: slot.price_fen,
          inStock,
          available: inStock && reason === null && !blocked,
        };
      });
    return { deviceId, available: reason === null, reason, products };
  });
  return { units };
}

/** One slot as the operator sees it: stock, what open orders hold, and a jam the unit reports. */
export function operatorSlotView(
  ctx: VendingContext,
  deviceId: string,
  slot: number,
): OperatorVendingSlot {
  const row = ctx.catalogue.get(deviceId, slot);
  if (!row) noSuchUnit(deviceId);
  const unit = vendingUnit(ctx.devices, deviceId);
  const detail = unit?.health.detail as { jammedSlots?: unknown } | undefined;
  const jammed = Array.isArray(detail?.jammedSlots) && detail.jammedSlots.includes(slot);
  return toOperatorSlot(row, ctx.catalogue.held(deviceId, slot), jammed);
}
