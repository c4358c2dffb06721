import type { LockerDoor, LockerLayoutResponse } from "@linli/protocols/api";
import { html, nothing, type PropertyValues } from "lit";
import "../components/linli-code-keypad.js";
import { CODE_LENGTH, type KeypadKey } from "../components/linli-code-keypad.js";
import "../components/linli-door-result.js";
import { doorSpeech } from "../components/linli-door-result.js";
import "../components/linli-icon.js";
import { sharedStyles } from "../components/shared-styles.js";
import {
  type DoorAnswer,
  type DoorTask,
  followDoor,
  type OpenedDoor,
  openedDoor,
} from "../data/door-follow.js";
import {
  borrowFromCabinet,
  type DoorState,
  fetchLockerLayout,
  type LockerNews,
  type LockerWatch,
  newRequestId,
  pickUpParcel,
  type Refusal,
  refusalOf,
  refusalOfError,
  returnToCabinet,
  watchLockers,
} from "../data/parcels.js";
import type { MessageKey } from "../i18n/i18n.js";
import { goBack, navigate } from "../router.js";
import { KioskPanel } from "./kiosk-panel.js";
import { parcelsPanelStyles } from "./parcels-panel-styles.js";
import { coolDownText, refusalText } from "./parcels-words.js";

type Mode = "pickup" | "cabinet" | "return";
const MODES: Readonly<Record<string, Mode>> = {
  "/parcels": "pickup",
  "/parcels/cabinet": "cabinet",
  "/parcels/cabinet/return": "return",
};

const TITLES: Readonly<Record<Mode, MessageKey>> = {
  pickup: "parcelPickupTitle",
  cabinet: "parcelCabinetTitle",
  return: "parcelReturnTitle",
};

const doorKeyOf = (door: { deviceId: string; board: number; lock: number }) =>
  `${door.deviceId}/${door.board}-${door.lock}`;

/**
 * Parcels and the shared cabinet (共享童车柜): a pickup code typed on the
 * keypad or a pickup QR held under the scanner opens a door, shown on a
 * drawing of the locker bank, and the screen follows the door until it is
 * closed; a stroller is borrowed with one tap (and a return code to keep)
 * and returned with that code. Wrong codes say how many tries are left;
 * too many lock the keypad for the cool-down, counted down to the second.
 */
export class LinliParcelsPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    code: { state: true },
    busy: { state: true },
    refusal: { state: true },
    secondsLeft: { state: true },
    opened: { state: true },
    layout: { state: true },
    live: { type: Boolean, reflect: true },
  };

  static override styles = [sharedStyles, parcelsPanelStyles];

  declare code: string;
  declare busy: boolean;
  declare refusal: Refusal | undefined;
  /** Seconds of the cool-down left; codes are refused (and the keypad off) while above 0. */
  declare secondsLeft: number;
  declare opened: OpenedDoor | undefined;
  declare layout: LockerLayoutResponse | undefined;
  /** Connected to the agent's event stream: door reports and scans reach this screen. */
  declare live: boolean;
  #watch: LockerWatch | undefined;
  #coolDownUntil = 0;
  #ticker: number | undefined;
  /** The latest state of every door the stream has told of. */
  readonly #doors = new Map<string, DoorState>();
  /** Which code the refusal was about: a pickup code (typed or scanned) or a return code. */
  #refusedCode: "pickup" | "return" = "pickup";

  constructor() {
    super();
    this.code = "";
    this.busy = false;
    this.secondsLeft = 0;
    this.live = false;
  }

  get #mode(): Mode {
    return MODES[this.route.path] ?? "pickup";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch ??= watchLockers(
      (news) => this.#onNews(news),
      (live) => {
        this.live = live;
      },
    );
    if (!this.layout) void this.#loadLayout();
    if (this.#coolDownUntil > Date.now()) this.#countDown();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch?.close();
    this.#watch = undefined;
    window.clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("route");
    if (before && before.path !== this.route.path) {
      // Another screen of the flow starts clean; a cool-down is the kiosk's and stays.
      this.code = "";
      this.refusal = undefined;
      this.opened = undefined;
    }
  }

  async #loadLayout(): Promise<void> {
    try {
      this.layout = await fetchLockerLayout();
    } catch {
      // The drawing is left out; the door's number is still said in words.
    }
  }

  // —— input ——

  #onKey(key: KeypadKey): void {
    if (this.secondsLeft > 0) return;
    if (key === "submit") {
      void this.#submit();
      return;
    }
    this.refusal = undefined;
    if (key === "backspace") this.code = this.code.slice(0, -1);
    else if (key === "clear") this.code = "";
    else this.code = `${this.code}${key}`.slice(0, CODE_LENGTH);
  }

  async #submit(): Promise<void> {
    if (this.code.length !== CODE_LENGTH || this.busy) return;
    const code = this.code;
    const returning = this.#mode === "return";
    this.busy = true;
    this.refusal = undefined;
    try {
      if (returning) {
        const answer = await returnToCabinet(code);
        this.#show("return", answer);
      } else {
        const answer = await pickUpParcel(code);
        this.#show("pickup", answer);
      }
    } catch (error) {
      this.#refuse(refusalOfError(error), returning ? "return" : "pickup");
    } finally {
      this.busy = false;
      this.code = "";
    }
  }

  async #borrow(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.refusal = undefined;
    try {
      const answer = await borrowFromCabinet(newRequestId());
      this.#show("borrow", { ...answer, repeated: false });
    } catch (error) {
      this.#refuse(refusalOfError(error));
    } finally {
      this.busy = false;
    }
  }

  // —— what the agent said ——

  #show(task: DoorTask, answer: DoorAnswer): void {
    this.refusal = undefined;
    this.code = "";
    this.opened = openedDoor(task, answer, this.#doors.get(doorKeyOf(answer.door)));
    if (!this.layout) void this.#loadLayout();
  }

  #refuse(refusal: Refusal | undefined, code: "pickup" | "return" = "pickup"): void {
    // Nothing to say here when the agent is unreachable: the shell shows the offline screen.
    if (!refusal) return;
    this.#refusedCode = code;
    if (refusal.kind === "cool-down") {
      this.#startCoolDown(refusal.seconds);
      this.refusal = undefined;
      this.code = "";
      return;
    }
    this.refusal = refusal;
  }

  #startCoolDown(seconds: number): void {
    this.#coolDownUntil = Date.now() + seconds * 1000;
    this.#countDown();
  }

  /** Counts the cool-down down every second, and turns the keypad back on at 0. */
  #countDown(): void {
    const tick = () => {
      this.secondsLeft = Math.max(0, Math.ceil((this.#coolDownUntil - Date.now()) / 1000));
      if (this.secondsLeft === 0) {
        window.clearInterval(this.#ticker);
        this.#ticker = undefined;
      }
    };
    tick();
    if (this.secondsLeft > 0) this.#ticker ??= window.setInterval(tick, 1000);
  }

  #onNews(news: LockerNews): void {
    if (news.kind === "scan") {
      const { outcome } = news;
      if (outcome.ok) this.#show("pickup", outcome.result);
      else {
        const { code, message, details } = outcome.error;
        this.#refuse(refusalOf(code, message, details));
      }
      return;
    }
    if (news.kind === "door") this.#doors.set(doorKeyOf(news), news.state);
    if (!this.opened) return;
    const next = followDoor(this.opened, news);
    if (typeof next === "string") {
      this.opened = undefined;
      this.refusal = { kind: next };
    } else if (next !== this.opened) {
      this.opened = next;
    }
  }

  // —— words ——

  #bankOf(door: LockerDoor) {
    return this.layout?.items.find((bank) => bank.deviceId === door.deviceId);
  }

  speechText(): string {
    const { t } = this.kiosk;
    const opened = this.opened;
    if (opened) return doorSpeech(t, opened, this.#bankOf(opened.door)?.doors);
    const intro = t(
      this.#mode === "cabinet"
        ? "parcelSpeechCabinet"
        : this.#mode === "return"
          ? "parcelSpeechReturn"
          : "parcelSpeechPickup",
    );
    const notice =
      this.secondsLeft > 0
        ? coolDownText(this.kiosk.t, this.secondsLeft)
        : this.refusal
          ? refusalText(this.kiosk.t, this.refusal, this.#refusedCode)
          : "";
    return [notice, intro].filter(Boolean).join(" ");
  }

  // —— screens ——

  /** Back from a door that opened is the screen it was opened from. */
  #back(): void {
    if (this.opened) this.opened = undefined;
    else goBack();
  }

  override render() {
    const { t } = this.kiosk;
    const mode = this.#mode;
    const title = this.opened
      ? TITLES[this.opened.task === "pickup" ? "pickup" : "cabinet"]
      : TITLES[mode];
    return html`<div class="head">
        <button class="btn main" @click=${() => this.#back()}>
          <linli-icon name="back"></linli-icon>${t("back")}
        </button>
        <h2>${t(title)}</h2>
      </div>
      ${
        this.opened
          ? this.#result(this.opened)
          : mode === "cabinet"
            ? this.#cabinet()
            : this.#codeEntry(mode)
      }`;
  }

  #notice() {
    if (this.secondsLeft > 0) {
      return html`<p class="refusal" role="status" data-seconds=${this.secondsLeft}>${coolDownText(this.kiosk.t, this.secondsLeft)}</p>`;
    }
    return this.refusal
      ? html`<p class="refusal" role="alert">${refusalText(this.kiosk.t, this.refusal, this.#refusedCode)}</p>`
      : nothing;
  }

  #codeEntry(mode: "pickup" | "return") {
    const { t } = this.kiosk;
    const pickup = mode === "pickup";
    return html`<div class="layout keypad">
      <div class="side">
        ${this.#notice()}
        <linli-code-keypad
          .t=${t}
          .value=${this.code}
          .label=${t(pickup ? "parcelPickupCodeLabel" : "parcelReturnCodeLabel")}
          .submitLabel=${t(pickup ? "parcelPickupSubmit" : "parcelReturnSubmit")}
          ?disabled=${this.secondsLeft > 0}
          ?busy=${this.busy}
          @linli-key=${(event: CustomEvent<KeypadKey>) => this.#onKey(event.detail)}
        ></linli-code-keypad>
      </div>
      <div class="side">
        ${
          pickup
            ? html`<section class="card">
                <h3><linli-icon name="qr"></linli-icon>${t("parcelScanTitle")}</h3>
                <p>${t("parcelScanHint")}</p>
              </section>
              <button
                class="btn main wide"
                data-path="/parcels/cabinet"
                @click=${() => navigate("/parcels/cabinet")}
              >
                <linli-icon name="stroller"></linli-icon>
                <span>${t("parcelCabinetLink")}<span class="hint">${t("parcelCabinetLinkHint")}</span></span>
              </button>`
            : html`<section class="card">
                <h3><linli-icon name="stroller"></linli-icon>${t("parcelReturnHelpTitle")}</h3>
                <p>${t("parcelReturnHelp")}</p>
              </section>`
        }
      </div>
    </div>`;
  }

  #cabinet() {
    const { t } = this.kiosk;
    return html`${this.#notice()}
      <p>${t("parcelCabinetIntro")}</p>
      <div class="choices">
        <button
          class="btn main primary wide"
          data-action="borrow"
          ?disabled=${this.busy}
          @click=${() => void this.#borrow()}
        >
          <linli-icon name="stroller"></linli-icon>
          <span>${this.busy ? t("parcelOpening") : t("parcelBorrowAction")}<span class="hint">${t("parcelBorrowHint")}</span></span>
        </button>
        <button
          class="btn main wide"
          data-path="/parcels/cabinet/return"
          @click=${() => navigate("/parcels/cabinet/return")}
        >
          <linli-icon name="parcel"></linli-icon>
          <span>${t("parcelReturnAction")}<span class="hint">${t("parcelReturnHint")}</span></span>
        </button>
      </div>`;
  }

  #result(opened: OpenedDoor) {
    const { t } = this.kiosk;
    return html`<linli-door-result .t=${t} .opened=${opened} .bank=${this.#bankOf(opened.door)?.doors}>
      <div class="actions">
        <button class="btn main primary" @click=${() => navigate("/")}>${t("parcelDone")}</button>
        ${
          opened.task === "pickup"
            ? html`<button class="btn main" @click=${() => {
                this.opened = undefined;
              }}>${t("parcelAnother")}</button>`
            : nothing
        }
      </div>
    </linli-door-result>`;
  }
}

customElements.define("linli-parcels-panel", LinliParcelsPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-parcels-panel": LinliParcelsPanel;
  }
}
