/**
 * The printed service guide: chosen outlets, or a category's nearest within
 * its radius (up to ten), laid out for the printer's paper in normal or large
 * print, previewed as the text that will print, and printed through the
 * kiosk's printer as a durable job the resident can follow.
 */
import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type {
  GuideAccepted,
  GuideJobResponse,
  GuidePreviewResponse,
  GuideRequest,
  OutletDetail,
} from "@linli/protocols/api";
import {
  encodeReceipt,
  PAPER_COLUMNS,
  type ReceiptDocument,
  renderReceiptText,
} from "@linli/protocols/escpos";
import { type Job, JobStore } from "../../devices/jobs/job-store.js";
import type { PrintResult } from "../../devices/printer/print-jobs.js";
import { PrinterDriver } from "../../devices/printer/printer-driver.js";
import type { OutletService } from "../../outlets/service.js";
import { recordEssential, type SqliteDatabase } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import type { ServiceDevices, ServiceOutbox } from "../parcels/types.js";
import { type GuideOutlet, guideDocument, hoursInWords, openNowInWords } from "./guide-document.js";
import { residentJobView } from "./job-status.js";
import { checkNavigationTemplate, navigationData, PLAIN_TEXT_TEMPLATE } from "./navigation.js";

export const MAX_GUIDE_OUTLETS = 10;

export interface GuideServiceOptions {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly devices: ServiceDevices;
  readonly outlets: Pick<OutletService, "get" | "search" | "index">;
  /** Where print jobs are read; a JobStore on `db` by default. */
  readonly jobs?: JobStore;
  readonly kiosk: { readonly id: string; readonly name: string };
  /** The QR code's content (placeholders in navigation.ts); plain text when left out. */
  readonly navigationUrlTemplate?: string;
  /** The printer guides go to; the first printer of the kiosk when left out. */
  readonly printerId?: string;
  /** Print the date and time on each guide; true by default. */
  readonly printTime?: boolean;
  readonly now?: () => Date;
}

interface BuiltGuide {
  document: ReceiptDocument;
  columns: 32 | 48;
  outlets: { id: string; name: string; walkMinutes: number }[];
  source: string;
}

export class GuideService {
  readonly #options: GuideServiceOptions;
  readonly #jobs: JobStore;

  constructor(options: GuideServiceOptions) {
    this.#options = options;
    this.#jobs = options.jobs ?? new JobStore(options.db);
  }

  /** Checks the navigation template, so a typo in the config stops the start, not a print. */
  start(): void {
    if (this.#options.navigationUrlTemplate !== undefined) {
      checkNavigationTemplate(this.#options.navigationUrlTemplate);
    }
  }

  stop(): void {}

  /** The text that will print, for the printer that would print it (or the paper asked for). */
  preview(request: GuideRequest): GuidePreviewResponse {
    const printer = this.#printer(request.printerId, false);
    const columns =
      request.paperWidthMm !== undefined
        ? PAPER_COLUMNS[`${request.paperWidthMm}mm`]
        : (printer?.profile.capabilities.columns ?? PAPER_COLUMNS["58mm"]);
    const guide = this.#build(request, columns);
    return {
      text: renderReceiptText(guide.document, columns),
      columns,
      bytes: encodeReceipt(guide.document, { columns }).length,
      printerId: printer?.id ?? null,
      outlets: guide.outlets,
    };
  }

  /**
   * Queues the guide on the printer and answers with the job's id at once.
   * The same requestId again answers with the same job and prints nothing more.
   */
  print(request: GuideRequest): GuideAccepted {
    const printer = this.#printer(request.printerId, true);
    const columns = printer.profile.capabilities.columns;
    if (
      request.paperWidthMm !== undefined &&
      request.paperWidthMm !== printer.profile.capabilities.paperWidthMm
    ) {
      throw new LinliError(
        "LINLI_ERR_GUIDE_PAPER_MISMATCH",
        `printer ${printer.id} has ${printer.profile.capabilities.paperWidthMm} mm paper, not ${request.paperWidthMm} mm; leave paperWidthMm out to print on it`,
        { status: 409 },
      );
    }
    const jobId =
      request.requestId === undefined ? `guide-${randomUUID()}` : `guide-${request.requestId}`;
    const known = this.#guideRow(jobId);
    const guide = this.#build(request, columns);
    if (known) return { jobId, printerId: known.device_id, outlets: guide.outlets };
    const { db, outbox } = this.#options;
    // Not refused ahead like a door or a sale: a guide is information, printed whenever the
    // store can still record its job. The printer prints only recorded jobs (so a receipt
    // never prints twice), so a store that cannot take the job refuses the print (507).
    const record = db.transaction(() => {
      printer.print(guide.document, { jobId });
      db.prepare(
        `INSERT INTO guide_prints (job_id, device_id, source, outlets, columns, large_print, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        jobId,
        printer.id,
        guide.source,
        guide.outlets.length,
        columns,
        request.largePrint ? 1 : 0,
        this.#now().toISOString(),
      );
      outbox.add(
        "guide.printed",
        {
          jobId,
          printerId: printer.id,
          source: guide.source,
          outlets: guide.outlets.map((outlet) => outlet.id),
          largePrint: request.largePrint ?? false,
        },
        Priority.normal,
      );
    });
    recordEssential(db, () => record());
    return { jobId, printerId: printer.id, outlets: guide.outlets };
  }

  /** A guide's job as the resident is told it; an operator's reprint is followed. */
  job(jobId: string): GuideJobResponse {
    if (!this.#guideRow(jobId)) {
      throw new LinliError("LINLI_ERR_GUIDE_JOB_NOT_FOUND", `no guide print ${jobId}`, {
        status: 404,
      });
    }
    let job: Job<unknown, PrintResult> | undefined = this.#jobs.get(jobId);
    for (let hops = 0; job?.result?.reprintJobId && hops < 5; hops += 1) {
      job = this.#jobs.get<unknown, PrintResult>(job.result.reprintJobId) ?? job;
      if (!job.result?.reprintJobId) break;
    }
    if (!job) {
      throw new LinliError("LINLI_ERR_GUIDE_JOB_NOT_FOUND", `no print job ${jobId}`, {
        status: 404,
      });
    }
    return { ...residentJobView(job), jobId };
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #guideRow(jobId: string): { device_id: string } | undefined {
    return this.#options.db
      .prepare("SELECT device_id FROM guide_prints WHERE job_id = ?")
      .get(jobId) as { device_id: string } | undefined;
  }

  /**
   * The printer a paper for residents or operators goes to: the one named,
   * else the configured guide printer, else the kiosk's first printer.
   */
  choosePrinter(id?: string): PrinterDriver {
    return this.#printer(id, true);
  }

  #printer(id: string | undefined, required: true): PrinterDriver;
  #printer(id: string | undefined, required: boolean): PrinterDriver | undefined;
  #printer(id: string | undefined, required: boolean): PrinterDriver | undefined {
    const { devices } = this.#options;
    const wanted = id ?? this.#options.printerId;
    const ids =
      wanted !== undefined
        ? [wanted]
        : devices
            .list()
            .filter((device) => device.family === "printer")
            .map((device) => device.id);
    for (const candidate of ids) {
      const device = devices.get(candidate)?.device;
      if (device instanceof PrinterDriver) return device;
    }
    if (!required && wanted === undefined) return undefined;
    throw new LinliError(
      "LINLI_ERR_GUIDE_NO_PRINTER",
      wanted === undefined
        ? "本机暂时不能打印，请联系工作人员"
        : `没有名为 ${wanted} 的打印机，请联系工作人员`,
      { status: wanted === undefined ? 503 : 404 },
    );
  }

  #build(request: GuideRequest, columns: 32 | 48): BuiltGuide {
    const now = this.#now();
    const elderly = request.elderly ?? request.largePrint ?? false;
    const { details, heading, source } = this.#chosen(request, now);
    const outlets = details.map((detail) => toGuideOutlet(detail, elderly, now));
    const first = details[0];
    const template = this.#options.navigationUrlTemplate ?? PLAIN_TEXT_TEMPLATE;
    const document = guideDocument({
      title: this.#options.kiosk.name,
      kioskId: this.#options.kiosk.id,
      heading,
      outlets,
      largePrint: request.largePrint ?? false,
      elderlySpeed: elderly,
      ...(first
        ? { qr: { data: navigationData(template, first), label: `扫码去 1. ${first.name}` } }
        : {}),
      ...((this.#options.printTime ?? true) ? { printedAt: now } : {}),
    });
    return {
      document,
      columns,
      source,
      outlets: outlets.map(({ id, name, walkMinutes }) => ({ id, name, walkMinutes })),
    };
  }

  #chosen(
    request: GuideRequest,
    now: Date,
  ): { details: OutletDetail[]; heading: string; source: string } {
    const { outlets } = this.#options;
    if (request.outletIds !== undefined && request.category === undefined) {
      const details = request.outletIds
        .slice(0, MAX_GUIDE_OUTLETS)
        .map((id) => outlets.get(id, now));
      return { details, heading: "为您挑选的服务网点", source: "chosen" };
    }
    if (request.category !== undefined && request.outletIds === undefined) {
      const category = outlets.index.catalog.resolve(request.category);
      if (!category) {
        throw new LinliError(
          "LINLI_ERR_GUIDE_UNKNOWN_CATEGORY",
          `there is no category "${request.category}"; use a code or name from /categories`,
          { status: 400 },
        );
      }
      const found = outlets.search(
        { category: category.code, maxMinutes: category.radiusMinutes, limit: MAX_GUIDE_OUTLETS },
        now,
      );
      if (found.items.length === 0) {
        throw new LinliError(
          "LINLI_ERR_GUIDE_NO_OUTLETS",
          `步行 ${category.radiusMinutes} 分钟内没有${category.zh}`,
          { status: 404, details: { category: category.code } },
        );
      }
      return {
        details: found.items.map((item) => outlets.get(item.id, now)),
        heading: `${category.zh} 步行 ${category.radiusMinutes} 分钟内`,
        source: `category:${category.code}`,
      };
    }
    throw new LinliError(
      "LINLI_ERR_GUIDE_BAD_REQUEST",
      "give either outletIds (1 to 10 outlet ids) or category (a category code or name), not both",
      { status: 400 },
    );
  }
}

function toGuideOutlet(detail: OutletDetail, elderly: boolean, now: Date): GuideOutlet {
  return {
    id: detail.id,
    name: detail.name,
    walkMinutes: elderly ? detail.walkMinutes.elderly : detail.walkMinutes.normal,
    address: detail.address,
    phone: detail.phone,
    hours: hoursInWords(detail.hours),
    openNow: openNowInWords(detail, now),
  };
}
