/** Every profile shipped with Linli, one vendor file each. */
import type { DeviceProfile } from "../schema.js";
import { definitions as epson } from "./epson.js";
import { definitions as genericEscpos } from "./generic-escpos.js";
import { definitions as genericLock8a } from "./generic-lock-8a.js";
import { definitions as genericScanner } from "./generic-scanner.js";
import { definitions as genericVmc } from "./generic-vmc.js";
import { definitions as honeywell } from "./honeywell.js";
import { definitions as kerong } from "./kerong.js";
import { definitions as linli } from "./linli.js";
import { definitions as zebra } from "./zebra.js";

export const shippedProfiles: readonly DeviceProfile[] = [
  ...genericEscpos,
  ...epson,
  ...genericLock8a,
  ...kerong,
  ...genericVmc,
  ...linli,
  ...genericScanner,
  ...honeywell,
  ...zebra,
];
