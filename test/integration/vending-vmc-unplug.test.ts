/**
 * A vending machine on a real serial code path (socat pty pair, the real
 * serialport binding on both ends) whose cable is pulled and plugged back:
 * socat is killed and started again at the same paths.
 */
import { describe, expect, it } from "vitest";
import { type VmcRig, vmcRig } from "../../edge-agent/src/devices/vending/vmc-test-rig.js";

async function withRig(
  options: Parameters<typeof vmcRig>[1],
  run: (rig: VmcRig) => Promise<void>,
): Promise<void> {
  const rig = await vmcRig("pty", options);
  try {
    await rig.until("ready");
    await run(rig);
  } finally {
    await rig.close();
  }
}

describe("a vending machine unplugged and plugged back in", () => {
  it("goes offline, is ready again within 5 s of replug, and vends", async () => {
    await withRig({}, async (rig) => {
      await rig.unplug();
      await rig.until("offline", 3_000);
      expect(rig.driver.health.connected).toBe(false);

      const replugAt = Date.now();
      await rig.replug();
      await rig.until("ready", 5_000);
      expect(Date.now() - replugAt).toBeLessThan(5_000);

      const job = await rig.driver.vend(2, { orderId: "after-replug" });
      expect(job.state).toBe("done");
      expect(rig.vmc.vends).toHaveLength(1);
    });
  });

  it("never vends twice when the cable is pulled mid-vend", async () => {
    await withRig({ simulator: { dispenseMs: 1_500 } }, async (rig) => {
      const vending = rig.driver.vend(3, { orderId: "mid-vend" });
      await expect
        .poll(() => rig.vmc.snapshot().dispensing, { timeout: 5_000, interval: 20 })
        .toBe(3);
      await rig.unplug();
      await rig.until("offline", 3_000);
      await rig.replug();
      const job = await vending;
      // The VMC finished the vend while unplugged and reports it once the cable is back.
      expect(job.state).toBe("done");
      expect(rig.vmc.vends).toHaveLength(1);
      expect(rig.vmc.snapshot().slots[2]?.stock).toBe(2);

      const again = await rig.driver.vend(3, { orderId: "mid-vend" });
      expect(again).toMatchObject({ id: job.id, state: "done" });
      expect(rig.vmc.vends).toHaveLength(1);
    });
  });
});
