/**
 * For tests: a VMC simulator in a process of its own, on the device end of
 * a pty pair, as a real vending machine would be: nothing the test process
 * does to its own event loop slows the VMC down. Started with fork() (see
 * forkVmcDevice); answers "snapshot" messages with its counters and vends.
 */
import { setPriority } from "node:os";
import { attachToPty } from "../../simulators/pty.js";
import { VmcSimulator, type VmcSimulatorOptions } from "../../simulators/vending/index.js";

const [devicePath, options = "{}"] = process.argv.slice(2);
if (!devicePath || !process.send) {
  process.stderr.write("usage: fork(vmc-device-process.ts, [devicePath, optionsJson])\n");
  process.exit(2);
}
// A real VMC is a microcontroller of its own and never waits for the kiosk's CPU. Where the
// test may (as root), the simulated one is given priority over the rest of a busy test
// machine, so that what it counts as missed is the host's doing, not its own starvation.
try {
  setPriority(-10);
} catch {
  // Not permitted: run at normal priority.
}
const vmc = new VmcSimulator(JSON.parse(options) as VmcSimulatorOptions);
const attachment = await attachToPty(vmc, devicePath);
process.on("message", (message) => {
  if (message === "snapshot") process.send?.({ snapshot: vmc.snapshot(), vends: vmc.vends });
  if (message === "exit") {
    vmc.dispose();
    void attachment.close().then(() => process.exit(0));
  }
});
process.send({ ready: true });
