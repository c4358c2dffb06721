import type { Refusal } from "../data/parcels.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";

/** What the parcels screens say when no door opened, and how long a cool-down has left. */

const REFUSALS: Readonly<Record<Exclude<Refusal["kind"], "other">, MessageKey>> = {
  "wrong-code": "parcelWrongCode",
  "cool-down": "parcelCoolDown",
  "not-a-pickup-qr": "parcelNotPickupQr",
  "door-failed": "parcelDoorFailed",
  "door-uncertain": "parcelDoorUncertain",
  "locker-unavailable": "parcelLockerUnavailable",
  "cabinet-empty": "parcelCabinetEmpty",
  "cabinet-full": "parcelCabinetFull",
  "no-cabinet": "parcelNoCabinet",
  "store-full": "storeFull",
};

/** `code` names the code a wrong-code refusal was about: a pickup code or a return code. */
export function refusalText(
  t: Translate,
  refusal: Refusal,
  code: "pickup" | "return" = "pickup",
): string {
  if (refusal.kind === "other") return refusal.message;
  if (refusal.kind === "wrong-code" && refusal.attemptsLeft !== undefined) {
    const key = code === "return" ? "parcelWrongReturnCode" : "parcelWrongPickupCode";
    return t(key, { n: refusal.attemptsLeft });
  }
  const text = t(REFUSALS[refusal.kind]);
  return refusal.kind === "door-uncertain" && refusal.returnCode
    ? `${text} — ${t("parcelDoorUncertainCode", { code: refusal.returnCode })}`
    : text;
}

/** "号码输错次数太多，请 4 分 58 秒后再试…", to the second. */
export function coolDownText(t: Translate, secondsLeft: number): string {
  const m = Math.floor(secondsLeft / 60);
  const s = secondsLeft % 60;
  const time = m > 0 ? t("parcelMinutesSeconds", { m, s }) : t("parcelSeconds", { s });
  return t("parcelCoolDown", { time });
}
