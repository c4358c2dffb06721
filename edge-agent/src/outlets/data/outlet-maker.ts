import type { Random } from "./prng.js";
import type { CategoryProfile } from "./profiles.js";

/** One made-up outlet's text fields. */
export interface MadeOutlet {
  name: string;
  /** The name in pieces (template text, surname, street), so pinyin can be cached by piece. */
  pieces: string[];
  brand: string | null;
  chain: string | null;
  hours: string;
  services: string[];
  /** Price board items, e.g. "修鞋跟 ￥15/次". */
  prices: string[];
  address: string;
  phone: string | null;
}

function fill(template: string, values: { surname: string; street: string }): string[] {
  return template
    .split(/(\{surname\}|\{street\})/)
    .filter(Boolean)
    .map((piece) =>
      piece === "{surname}" ? values.surname : piece === "{street}" ? values.street : piece,
    );
}

function addressOn(street: string, random: Random): string {
  const number = random.int(1, 1500);
  return random.chance(0.15)
    ? `${street} ${number} 弄 ${random.int(1, 60)} 号`
    : `${street} ${number} 号`;
}

/** A public business line in 浦东: 021-5xxxxxxx, or none. */
function phoneOf(random: Random): string | null {
  if (random.chance(0.1)) return null;
  return `021-5${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
}

/**
 * Draws one outlet of a category: a chain branch named after its street
 * ("全家(潍坊路店)") or an independent shop ("王师傅修鞋配钥匙"), with the
 * category's hours, a few of its services and, for repairs and a share of the
 * other priced trades, a price board.
 */
export function makeOutlet(
  profile: CategoryProfile,
  random: Random,
  streets: readonly string[],
  surnames: readonly string[],
): MadeOutlet {
  const street = random.pick(streets);
  const surname = random.pick(surnames);
  const isChain =
    profile.chains.length > 0 &&
    (profile.independents.length === 0 || random.chance(profile.chainShare));
  let pieces: string[];
  let brand: string | null = null;
  if (isChain) {
    const chain = random.pick(profile.chains);
    brand = typeof chain === "string" ? chain : chain.brand;
    const template = typeof chain === "string" ? undefined : chain.name;
    pieces = template ? fill(template, { surname, street }) : [brand, "(", street, "店)"];
  } else {
    pieces = fill(random.pick(profile.independents), { surname, street });
  }
  const hours = random.pick(isChain && profile.chainHours ? profile.chainHours : profile.hours);
  const services = random.sample(
    profile.services,
    random.int(2, Math.min(4, profile.services.length)),
  );
  const board = profile.prices ?? [];
  const prices =
    board.length > 0 && random.chance(profile.pricedShare ?? 0.6)
      ? random.sample(board, random.int(2, Math.min(5, board.length)))
      : [];
  return {
    name: pieces.join(""),
    pieces,
    brand,
    chain: brand,
    hours,
    services,
    prices,
    address: addressOn(street, random),
    phone: phoneOf(random),
  };
}
