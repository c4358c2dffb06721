import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./agent-process.js";

/**
 * The Mosquitto ACL that deploy/TOPOLOGY.md prescribes for a city's fleet,
 * read from the page's own code blocks — so the tests and the load bench run
 * the very rules the page documents, and a change to one is a change to both.
 */
export interface TopologyAcl {
  /** The `pattern` rules every kiosk gets, its user name being `<site>/<kiosk>` (`%u`). */
  kioskPatterns: string[];
  /** The per-site community block for one kiosk, as the page writes it for its example kiosk. */
  siteBlock(site: string, kiosk: string): string[];
  /** The read-only fleet user's block, and that user's name. */
  fleetViewer: { username: string; lines: string[] };
}

export const TOPOLOGY_PATH = join(REPO_ROOT, "deploy/TOPOLOGY.md");

export function topologyAcl(markdown = readFileSync(TOPOLOGY_PATH, "utf8")): TopologyAcl {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("ACLs"));
  if (!section) throw new Error(`${TOPOLOGY_PATH} has no "## ACLs" section`);
  const blocks = [...section.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) =>
    (match[1] ?? "")
      .split("\n")
      .map((line) => line.trim().replace(/\s+/g, " "))
      // As in an acl_file, a comment is a whole line; `#` elsewhere is the MQTT wildcard.
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
  const find = (what: string, test: (lines: string[]) => boolean): string[] => {
    const block = blocks.find(test);
    if (!block) throw new Error(`${TOPOLOGY_PATH}, "ACLs": no code block with ${what}`);
    return block;
  };
  const kioskPatterns = find("the kiosks' pattern rules", (lines) =>
    lines.every((line) => line.startsWith("pattern ") && line.includes("%u")),
  );
  const template = find("a site's block (user <site>/<kiosk>)", (lines) =>
    /^user [^/\s]+\/\S+$/.test(lines[0] ?? ""),
  );
  const [exampleSite, exampleKiosk] = (template[0] as string).slice("user ".length).split("/");
  const fleet = find("the fleet viewer's block", (lines) =>
    lines.every((line) => /^user [^/\s]+$/.test(line) || line === "topic read linli/v1/#"),
  );
  return {
    kioskPatterns,
    siteBlock: (site, kiosk) =>
      template.map((line) =>
        line === `user ${exampleSite}/${exampleKiosk}`
          ? `user ${site}/${kiosk}`
          : line.replace(`linli/v1/${exampleSite}/`, `linli/v1/${site}/`),
      ),
    fleetViewer: { username: (fleet[0] as string).slice("user ".length), lines: fleet },
  };
}

/** The whole ACL for a fleet: the kiosks' patterns, a site block per kiosk and the fleet viewer. */
export function fleetAcl(
  acl: TopologyAcl,
  kiosks: readonly { site: string; kiosk: string }[],
): string[] {
  return [
    ...acl.kioskPatterns,
    "",
    ...kiosks.flatMap(({ site, kiosk }) => [...acl.siteBlock(site, kiosk), ""]),
    ...acl.fleetViewer.lines,
  ];
}
