import type { Logger } from "../../log.js";
import type { SqliteDatabase } from "../../store/index.js";
import type { ServiceOutbox } from "../parcels/types.js";
import type { BookingRows } from "./booking-rows.js";
import type { CommunityKeys } from "./codes.js";
import type { SessionRows } from "./sessions.js";

/** What the owner and requester halves of the community service share once started. */
export interface CommunityContext {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly kiosk: { readonly site: string; readonly id: string; readonly name: string };
  readonly sessions: SessionRows;
  readonly bookings: BookingRows;
  readonly keys: CommunityKeys;
  readonly now: () => Date;
  readonly log: Logger;
}
