/**
 * Who the simulated fleet is: N kiosks in neighbourhood centres named after
 * Shanghai's streets and estates, one to three kiosks per centre, every
 * site/kiosk pair distinct and never the demo agent's own.
 */

export interface RosterEntry {
  site: string;
  kiosk: string;
}

/** The most simulated kiosks one agent runs (`linli start --demo --fleet N`). */
export const FLEET_MAX = 2_000;

/** Neighbourhood centres (邻里中心) as topic-safe slugs; the demo agent's own site is not among them. */
const SITES = [
  "huamu",
  "tangqiao",
  "zhoujiadu",
  "yangjing",
  "meiyuan",
  "lujiazui",
  "jinyang",
  "shanggang",
  "dongming",
  "sanlin",
  "kangqiao",
  "zhangjiang",
  "beicai",
  "gaohang",
  "jinqiao",
  "caohejing",
  "tianlin",
  "xujiahui",
  "hongmei",
  "gubei",
  "xianxia",
  "tianshan",
  "changning",
  "jiangsu-lu",
  "hualin",
  "wanli",
  "zhenru",
  "changfeng",
  "ganquan",
  "yichuan",
  "caoyang",
  "penglai",
  "dapuqiao",
  "ruijin",
  "wuliqiao",
  "laoximen",
  "yuyuan",
  "jiangwan",
  "quyang",
  "ouyang",
  "sichuan-bei-lu",
  "linping",
  "pengpu",
  "daning",
  "gonghe-xin-lu",
  "wujiaochang",
  "yanji",
  "siping",
  "anshan",
  "kongjiang",
  "xinhua",
  "hunan-lu",
  "jingansi",
  "shimen-er-lu",
  "caojiadu",
  "baoshan",
  "songnan",
  "gucun",
  "qibao",
  "xinzhuang",
] as const;

/** How many kiosks the `index`-th centre has: one to three, in a fixed pattern. */
const kiosksAt = (index: number): number => 1 + ((index * 7) % 3);

const siteName = (index: number): string => {
  const name = SITES[index % SITES.length] as string;
  const round = Math.floor(index / SITES.length);
  return round === 0 ? name : `${name}-${round + 1}`;
};

/** `size` distinct kiosks, the same for the same size on every run. */
export function fleetRoster(size: number): RosterEntry[] {
  const roster: RosterEntry[] = [];
  for (let site = 0; roster.length < size; site += 1) {
    const count = kiosksAt(site);
    for (let kiosk = 1; kiosk <= count && roster.length < size; kiosk += 1) {
      roster.push({ site: siteName(site), kiosk: `kiosk-${String(kiosk).padStart(2, "0")}` });
    }
  }
  return roster;
}
