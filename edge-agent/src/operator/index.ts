export {
  type Actor,
  OperatorActions,
  type OperatorActionsOptions,
  type OperatorDevices,
  type Resolution,
  toOperatorJob,
} from "./actions.js";
export {
  type AuditEntry,
  type AuditRecord,
  OPERATOR_ACTION_EVENT,
  type OperatorAction,
  OperatorAudit,
  type OperatorAuditOptions,
} from "./audit.js";
export { type LoginResult, OperatorAuth, type OperatorAuthOptions } from "./auth.js";
export {
  clearedSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from "./cookie.js";
export { EventLog, type EventLogFilter, type EventLogOptions } from "./event-log.js";
export { DEFAULT_LOCKOUT, type LockoutPolicy } from "./lockout.js";
export { operatorMigration } from "./migration.js";
export { checkPinFormat, hashPin, verifyPin } from "./pin.js";
export { masked, shareableEventData } from "./redact.js";
export { DEFAULT_SESSIONS, type OperatorSession, type SessionPolicy } from "./sessions.js";
