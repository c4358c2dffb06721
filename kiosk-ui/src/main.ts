import "./linli-app.js";
import { registerShellWorker } from "./shell-worker.js";

registerShellWorker();
