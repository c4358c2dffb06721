export { type ClockReading, type ClockSource, checkClock, systemClockSource } from "./clock.js";
export { type Finding, fail, pass } from "./finding.js";
export { DEVICE_GROUPS, neededGroups } from "./groups.js";
export { listenerOf, tryListen } from "./ports.js";
export { COMMON_BAUD_RATES, probeSerial } from "./printers.js";
export { type DoctorOptions, type DoctorSystem, runDoctor, systemDoctor } from "./run.js";
export { MIN_FREE_BYTES, SERVICE_STATE_DIR } from "./store.js";
export { lookupUserWithId, parseIdOutput, SERVICE_USER, type UserInfo } from "./user.js";
