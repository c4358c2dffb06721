export {
  freeBytesAt,
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  STORE_FULL,
  type StoreFailure,
  type StoreFault,
  StoreHealth,
  type StoreHealthState,
  storeFailureOf,
  storeFullError,
  storeHealthOf,
  storeRefusal,
} from "./health.js";
export { StoreMaintenance } from "./maintenance.js";
export { MIGRATIONS, type Migration } from "./migrations.js";
export { type SqliteDatabase, Store } from "./store.js";
