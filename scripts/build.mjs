// `npm run build`: compile every package and the kiosk UI.
import { ensureBuilt, ensureDependencies } from "./lib.mjs";

ensureDependencies();
ensureBuilt({ force: process.argv.includes("--force") });
