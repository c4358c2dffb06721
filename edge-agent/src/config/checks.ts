import { NAVIGATION_PLACEHOLDERS } from "../services/guides/navigation.js";
import { brokerProblems } from "./broker-checks.js";
import type { Config } from "./schema.js";

/** A config problem the schema alone cannot see: it names the key it is about. */
export interface ConfigProblem {
  path: string[];
  text: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Checks across keys, run once the schema is satisfied: ids that must be
 * unique or must name a configured device, templates whose placeholders must
 * be known. Each problem points at the key a person has to change.
 */
export function crossCheck(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const deviceIds = new Set<string>();
  for (const [index, device] of config.devices.entries()) {
    if (deviceIds.has(device.id)) {
      problems.push({
        path: ["devices", String(index), "id"],
        text: `devices[${index}].id "${device.id}" is used twice: device ids must be unique`,
      });
    }
    deviceIds.add(device.id);
  }
  for (const [index, cabinet] of config.parcels.cabinets.entries()) {
    if (!deviceIds.has(cabinet)) {
      problems.push({
        path: ["parcels", "cabinets", String(index)],
        text: `parcels.cabinets[${index}] "${cabinet}" is not one of the configured devices (${[...deviceIds].join(", ") || "none"})`,
      });
    }
  }
  const printer = config.guides.printerId;
  if (printer !== undefined && !deviceIds.has(printer)) {
    problems.push({
      path: ["guides", "printerId"],
      text: `guides.printerId "${printer}" is not one of the configured devices (${[...deviceIds].join(", ") || "none"})`,
    });
  }
  const template = config.guides.navigationUrlTemplate;
  if (template !== undefined) {
    const known: readonly string[] = NAVIGATION_PLACEHOLDERS;
    for (const [, name] of template.matchAll(PLACEHOLDER)) {
      if (name !== undefined && !known.includes(name)) {
        problems.push({
          path: ["guides", "navigationUrlTemplate"],
          text: `guides.navigationUrlTemplate has an unknown placeholder {${name}}: use ${known.map((one) => `{${one}}`).join(" ")}`,
        });
        break;
      }
    }
  }
  problems.push(...displayProblems(config.display));
  problems.push(...brokerProblems(config.broker));
  return problems;
}

/** Sleep windows that start when they end, and a time zone this machine does not know. */
function displayProblems(display: Config["display"]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [index, window] of display.sleep.entries()) {
    if (window.from === window.to) {
      problems.push({
        path: ["display", "sleep", String(index), "to"],
        text: `display.sleep[${index}] starts and ends at ${window.from}: give it an end (for a whole day, from "00:00" to "24:00")`,
      });
    }
  }
  const zone = display.timeZone;
  if (zone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
    } catch {
      problems.push({
        path: ["display", "timeZone"],
        text: `display.timeZone "${zone}" is not a time zone this machine knows: use an IANA name such as "Asia/Shanghai", or leave it out for the machine's own`,
      });
    }
  }
  return problems;
}
