export { MIGRATIONS, type Migration } from "./migrations.js";
export { type SqliteDatabase, Store } from "./store.js";
