export { BOOKING_QR_PREFIX, bookingQrOf } from "./codes.js";
export {
  CommunityService,
  type CommunityServiceOptions,
} from "./community-service.js";
export { communityMigration } from "./migration.js";
export { type CommunityLink, communityTopics } from "./peer.js";
