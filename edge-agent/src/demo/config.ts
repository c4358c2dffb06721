/**
 * What `linli start --demo` (and `npm start`) runs on when no config names a
 * kiosk: the sample circle's neighbourhood centre, a store under .linli/, the
 * embedded broker as upstream. A config file or LINLI_ variables still win.
 */
export function demoBaseConfig(options: {
  quiet: boolean;
  devices?: readonly unknown[];
}): Record<string, unknown> {
  return {
    kiosk: {
      site: "weifang-xincun",
      id: "kiosk-01",
      name: "潍坊新村邻里中心",
      location: { lng: 121.5265, lat: 31.2272, datum: "gcj02" },
    },
    store: { path: ".linli/demo.db" },
    devices: options.devices ?? [],
    // The demo centre's 8A board is its 共享童车柜 (when the demo rig's devices are given).
    parcels: { cabinets: hasDevice(options.devices, DEMO_CABINET) ? [DEMO_CABINET] : [] },
    // A demo on a developer's laptop leaves its backlight alone; a config file may say "auto".
    display: { backlight: "none" },
    // An interactive `npm start` keeps the terminal readable; journald gets everything.
    log: { level: options.quiet ? "warn" : "info" },
  };
}

const DEMO_CABINET = "cabinet-1";

function hasDevice(devices: readonly unknown[] | undefined, id: string): boolean {
  return (devices ?? []).some(
    (device) => typeof device === "object" && device !== null && "id" in device && device.id === id,
  );
}
