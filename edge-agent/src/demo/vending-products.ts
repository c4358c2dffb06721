/**
 * What the demo centre's vending unit (vending-1) sells: everyday items a
 * neighbourhood centre keeps for residents, at street prices. The agent's
 * catalogue takes them from the device's `options.products`; the simulated
 * VMC is given the same prices, so its own slot report agrees.
 */
import type { VendingProductConfig } from "../services/vending/catalogue.js";
import type { VmcSimulator } from "../simulators/vending/vmc-simulator.js";

/** Matches the simulator's starting stock of 5 in every slot. */
const STOCK = 5;

export const DEMO_VENDING_PRODUCTS: readonly VendingProductConfig[] = [
  { slot: 1, nameZh: "矿泉水", nameEn: "Mineral water", priceFen: 200, stock: STOCK },
  { slot: 2, nameZh: "纸巾", nameEn: "Tissues", priceFen: 300, stock: STOCK },
  { slot: 3, nameZh: "口罩（5 只）", nameEn: "Face masks (5)", priceFen: 500, stock: STOCK },
  { slot: 4, nameZh: "5 号电池（2 节）", nameEn: "AA batteries (2)", priceFen: 800, stock: STOCK },
  { slot: 5, nameZh: "湿巾", nameEn: "Wet wipes", priceFen: 400, stock: STOCK },
  { slot: 6, nameZh: "创可贴", nameEn: "Plasters", priceFen: 600, stock: STOCK },
  { slot: 7, nameZh: "一次性雨衣", nameEn: "Disposable raincoat", priceFen: 1000, stock: STOCK },
  { slot: 8, nameZh: "充电线", nameEn: "USB-C charging cable", priceFen: 1500, stock: STOCK },
];

export function priceDemoVending(vmc: VmcSimulator): void {
  for (const product of DEMO_VENDING_PRODUCTS) vmc.setPrice(product.slot, product.priceFen);
}
