import type {
  DeviceSummaryDto,
  DisplayState,
  EventsMessage,
  OperatorDisplayResponse,
  OperatorJob,
  OperatorUplinkResponse,
  StoreHealth,
} from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import type { OpenDoorDetail } from "../components/linli-op-device-card.js";
import "../components/linli-op-device-card.js";
import "../components/linli-op-display-card.js";
import "../components/linli-op-paper.js";
import "../components/linli-op-store-card.js";
import "../components/linli-op-uplink-card.js";
import { getJson } from "../data/client.js";
import { type DemoReceipt, fetchDemoPrinter } from "../data/demo.js";
import { fetchOperatorDevices, openDoor, resolveJob, testPrint } from "../data/devices.js";
import { fetchDisplay, setDisplayBrightness, sleepDisplay, wakeDisplay } from "../data/display.js";
import { onLiveMessage } from "../data/live.js";
import { fetchHealth } from "../data/session.js";
import { fetchUplink } from "../data/uplink.js";
import { doorName, lockerDetail } from "../device-detail.js";
import { devicesByFaultsFirst } from "../device-faults.js";
import { timeText } from "../format.js";
import { jobKindText, jobStateText, jobTone } from "../labels.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";

/** How often last-seen times are refreshed from the resident device route (no session needed). */
const HEALTH_REFRESH_MS = 15_000;
/** The uplink has no live messages: asked again this often (the shell's idle logout still ends the session). */
const UPLINK_REFRESH_MS = 20_000;
const CLOCK_TICK_MS = 5_000;
const RECEIPTS_SHOWN = 5;

interface ActionLine {
  jobId: string;
  label: string;
  state: string;
  detail?: string;
}

/**
 * Devices: every device's live state, worst first, with its actions (open a
 * door, test print); the jobs that need a person (held or uncertain) with
 * reprint or dismiss; what this operator just did and how it went; and, in
 * demo mode, the simulated printer's receipts as paper.
 */
export class LinliOpDevicesPage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    devices: { state: true },
    attention: { state: true },
    error: { state: true },
    actionError: { state: true },
    actions: { state: true },
    busy: { state: true },
    receipts: { state: true },
    now: { state: true },
    uplink: { state: true },
    screen: { state: true },
    screenBusy: { state: true },
    store: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .layout {
        display: grid;
        gap: var(--linli-gap);
        align-items: start;
      }
      @media (min-width: 1200px) {
        .layout.demo {
          grid-template-columns: minmax(0, 1fr) 380px;
        }
      }
      .devices {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr));
        gap: var(--linli-gap);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.plain {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 8px;
      }
      .job {
        display: grid;
        gap: 6px;
        padding: 10px 14px;
        border-radius: var(--linli-radius);
        background: var(--tone-soft);
        border-inline-start: 6px solid var(--tone);
      }
      .job strong {
        color: var(--tone);
      }
    `,
  ];

  declare devices: DeviceSummaryDto[] | undefined;
  declare attention: OperatorJob[];
  declare error: string;
  declare actionError: string;
  declare actions: ActionLine[];
  declare busy: ReadonlySet<string>;
  declare receipts: DemoReceipt[];
  declare now: number;
  declare uplink: OperatorUplinkResponse | undefined;
  /** The kiosk's own screen: its sleep schedule, backlight and touch panel. */
  declare screen: OperatorDisplayResponse | undefined;
  declare screenBusy: boolean;
  /** Whether the kiosk can record what residents do (GET /health, no session needed). */
  declare store: StoreHealth | undefined;

  #unsubscribe: (() => void) | undefined;
  #timers: number[] = [];
  #refetch: number | undefined;

  constructor() {
    super();
    this.attention = [];
    this.error = "";
    this.actionError = "";
    this.actions = [];
    this.busy = new Set();
    this.receipts = [];
    this.now = Date.now();
    this.screenBusy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    this.#unsubscribe = onLiveMessage(this.op.live, (message) => this.#onLive(message));
    this.#timers = [
      window.setInterval(() => {
        this.now = Date.now();
      }, CLOCK_TICK_MS),
      window.setInterval(() => void this.#refreshHealth(), HEALTH_REFRESH_MS),
      window.setInterval(() => void this.#loadStore(), HEALTH_REFRESH_MS),
      window.setInterval(() => void this.#loadUplink(), UPLINK_REFRESH_MS),
      window.setInterval(() => void this.#loadScreen(), UPLINK_REFRESH_MS),
    ];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    for (const timer of this.#timers) window.clearInterval(timer);
    window.clearTimeout(this.#refetch);
  }

  async #load(): Promise<void> {
    void this.#loadUplink();
    void this.#loadScreen();
    void this.#loadStore();
    try {
      const response = await fetchOperatorDevices();
      this.devices = response.items;
      this.attention = response.attention;
      this.error = "";
    } catch (error) {
      this.error = errorText(this.op.t, error);
    }
    if (this.op.health.demo) await this.#loadReceipts();
  }

  async #loadUplink(): Promise<void> {
    try {
      this.uplink = await fetchUplink();
    } catch {
      // The device list says why the agent does not answer; the next refresh tries again.
    }
  }

  async #loadStore(): Promise<void> {
    try {
      this.store = (await fetchHealth()).store;
    } catch {
      // The device list says why the agent does not answer; the next refresh tries again.
    }
  }

  async #loadScreen(): Promise<void> {
    try {
      this.screen = await fetchDisplay();
    } catch {
      // An agent without the display routes, or one not answering: no card until it does.
    }
  }

  async #screenAction(run: () => Promise<DisplayState>): Promise<void> {
    this.screenBusy = true;
    this.actionError = "";
    try {
      await run();
    } catch (error) {
      this.actionError = this.op.t("actionFailed", { message: errorText(this.op.t, error) });
    } finally {
      this.screenBusy = false;
    }
    await this.#loadScreen();
  }

  async #loadReceipts(): Promise<void> {
    try {
      this.receipts = (await fetchDemoPrinter(RECEIPTS_SHOWN)).receipts;
    } catch {
      // The paper view is a demo aid: without it the console works the same.
    }
  }

  /** Health only, from the resident route, so a console left open does not keep its session alive. */
  async #refreshHealth(): Promise<void> {
    if (!this.devices) return;
    try {
      const { items } = await getJson<{ items: DeviceSummaryDto[] }>("/devices");
      const health = new Map(items.map((item) => [item.id, item.health]));
      this.devices = this.devices.map((device) => {
        const fresh = health.get(device.id);
        return fresh ? { ...device, health: fresh } : device;
      });
    } catch {
      // The next live message or refresh brings it.
    }
  }

  #onLive(message: EventsMessage): void {
    if (message.type === "device.state" && this.devices) {
      this.devices = this.devices.map((device) =>
        device.id === message.deviceId ? { ...device, health: message.health } : device,
      );
      return;
    }
    if (message.type !== "job.state") return;
    const seen: { state: string; detail?: string } = { state: message.state };
    if (message.detail !== undefined) seen.detail = message.detail;
    if (this.actions.some((line) => line.jobId === message.jobId)) {
      this.actions = this.actions.map((line) =>
        line.jobId === message.jobId ? { ...line, ...seen } : line,
      );
    }
    const attentionChanged =
      message.state === "held" ||
      message.state === "uncertain" ||
      this.attention.some((job) => job.id === message.jobId);
    if (attentionChanged) this.#scheduleRefetch();
    if (message.kind === "print" && message.state === "done" && this.op.health.demo) {
      void this.#loadReceipts();
    }
  }

  #scheduleRefetch(): void {
    window.clearTimeout(this.#refetch);
    this.#refetch = window.setTimeout(() => void this.#load(), 300);
  }

  async #act(deviceId: string, label: string, run: () => Promise<OperatorJob>): Promise<void> {
    this.busy = new Set([...this.busy, deviceId]);
    this.actionError = "";
    try {
      const job = await run();
      const seen = this.op.live.jobState(job.id);
      const line: ActionLine = { jobId: job.id, label, state: seen?.state ?? job.state };
      const detail = seen?.detail ?? job.error ?? undefined;
      if (detail) line.detail = detail;
      this.actions = [line, ...this.actions.filter((old) => old.jobId !== job.id)].slice(0, 8);
      if (job.kind === "print" && line.state === "done" && this.op.health.demo) {
        void this.#loadReceipts();
      }
    } catch (error) {
      this.actionError = this.op.t("actionFailed", { message: errorText(this.op.t, error) });
    } finally {
      const busy = new Set(this.busy);
      busy.delete(deviceId);
      this.busy = busy;
    }
  }

  #testPrint(deviceId: string): void {
    void this.#act(deviceId, this.op.t("jobTestPrint", { device: deviceId }), () =>
      testPrint(deviceId),
    );
  }

  #openDoor({ deviceId, board, lock }: OpenDoorDetail): void {
    const device = this.devices?.find((candidate) => candidate.id === deviceId);
    const boards = device ? lockerDetail(device.health.detail).boards : 1;
    const door = doorName(`${board}-${lock}`, boards);
    void this.#act(deviceId, this.op.t("jobOpenDoor", { device: deviceId, door }), () =>
      openDoor(deviceId, board, lock),
    );
  }

  async #resolve(job: OperatorJob, action: "reprint" | "dismiss"): Promise<void> {
    this.actionError = "";
    try {
      await resolveJob(job.id, action);
    } catch (error) {
      this.actionError = this.op.t("actionFailed", { message: errorText(this.op.t, error) });
    }
    await this.#load();
  }

  override render() {
    const { t } = this.op;
    if (!this.devices) {
      return html`<div class="page">
        <h2>${t("devicesTitle")}</h2>
        ${
          this.error
            ? html`<p class="error" role="alert">${this.error}</p>
              <button class="btn" @click=${() => void this.#load()}>${t("retry")}</button>`
            : html`<p aria-busy="true">${t("loading")}</p>`
        }
      </div>`;
    }
    const views = devicesByFaultsFirst(this.devices, this.attention);
    const needing = views.filter((view) => view.severity !== "ok").length;
    const demo = this.op.health.demo;
    return html`<div class="page">
      <div class="page-head">
        <h2>${t("devicesTitle")}</h2>
        <p role="status">
          ${
            needing > 0
              ? t("devicesSummary", { n: views.length, k: needing })
              : t("devicesAllGood", { n: views.length })
          }
        </p>
        <button class="btn" @click=${() => void this.#load()}>${t("refresh")}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.store && !this.store.writable
          ? html`<linli-op-store-card
              .store=${this.store}
              .t=${t}
              .lang=${this.op.lang}
              .now=${this.now}
            ></linli-op-store-card>`
          : nothing
      }
      ${this.#attention()} ${this.#actions()}
      ${
        this.uplink
          ? html`<linli-op-uplink-card
              .uplink=${this.uplink}
              .t=${t}
              .lang=${this.op.lang}
              .now=${this.now}
            ></linli-op-uplink-card>`
          : nothing
      }
      ${
        this.screen
          ? html`<linli-op-display-card
              .display=${this.screen}
              .t=${t}
              .lang=${this.op.lang}
              .now=${this.now}
              ?busy=${this.screenBusy}
              @linli-display-wake=${() => void this.#screenAction(wakeDisplay)}
              @linli-display-sleep=${() => void this.#screenAction(sleepDisplay)}
              @linli-display-brightness=${(event: CustomEvent<number>) =>
                void this.#screenAction(() => setDisplayBrightness(event.detail))}
            ></linli-op-display-card>`
          : nothing
      }
      <div class="layout ${demo ? "demo" : ""}">
        <ul class="devices" aria-label=${t("devicesTitle")}>
          ${views.map(
            (view) => html`<li>
              <linli-op-device-card
                data-device=${view.device.id}
                data-severity=${view.severity}
                .view=${view}
                .t=${t}
                .lang=${this.op.lang}
                .now=${this.now}
                ?busy=${this.busy.has(view.device.id)}
                @linli-test-print=${(event: CustomEvent<string>) => this.#testPrint(event.detail)}
                @linli-open-door=${(event: CustomEvent<OpenDoorDetail>) => this.#openDoor(event.detail)}
              ></linli-op-device-card>
            </li>`,
          )}
        </ul>
        ${
          demo
            ? html`<section class="card paper" aria-labelledby="paper-title">
              <div class="row">
                <h3 id="paper-title">${t("paperTitle")}</h3>
                <button class="btn" @click=${() => void this.#loadReceipts()}>${t("refresh")}</button>
              </div>
              <linli-op-paper .t=${t} .lang=${this.op.lang} .receipts=${this.receipts}></linli-op-paper>
            </section>`
            : nothing
        }
      </div>
    </div>`;
  }

  #attention() {
    const { t } = this.op;
    if (this.attention.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="attention-title">
      <h3 id="attention-title">${t("attentionTitle")}</h3>
      <ul class="plain">
        ${this.attention.map((job) => {
          const door = job.kind === "door_open";
          const hint =
            job.state === "held"
              ? t("heldHint")
              : door
                ? t("uncertainDoorHint")
                : t("uncertainPrintHint");
          return html`<li class="job ${jobTone(job.state)}" data-job=${job.id}>
            <p>
              <strong>${t("jobLine", {
                what: jobKindText(t, job.kind),
                device: job.deviceId,
                state: jobStateText(t, job.state),
              })}</strong>
              <span class="muted">${timeText(job.updatedAt, this.op.lang)}</span>
            </p>
            ${job.error ? html`<p>${job.error}</p>` : nothing}
            <p>${hint}</p>
            ${
              job.state === "uncertain"
                ? html`<div class="row">
                  ${
                    door
                      ? nothing
                      : html`<button class="btn primary" @click=${() => void this.#resolve(job, "reprint")}>
                        ${t("reprint")}
                      </button>`
                  }
                  <button class="btn" @click=${() => void this.#resolve(job, "dismiss")}>
                    ${t("dismiss")}
                  </button>
                </div>`
                : nothing
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #actions() {
    const { t } = this.op;
    if (this.actions.length === 0 && !this.actionError) return nothing;
    return html`<section class="card" aria-labelledby="actions-title">
      <h3 id="actions-title">${t("myActionsTitle")}</h3>
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
      <div role="status" aria-live="polite"><ul class="plain">
        ${this.actions.map(
          (
            line,
          ) => html`<li class="job ${jobTone(line.state)}" data-job=${line.jobId} data-state=${line.state}>
            <strong>${t("actionLine", { what: line.label, state: jobStateText(t, line.state) })}</strong>
            ${line.detail ? html`<span>${line.detail}</span>` : nothing}
          </li>`,
        )}
      </ul></div>
    </section>`;
  }
}

customElements.define("linli-op-devices-page", LinliOpDevicesPage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-devices-page": LinliOpDevicesPage;
  }
}
