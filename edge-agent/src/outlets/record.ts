/**
 * One outlet as the store keeps it (table `outlets`, migration 2). Import
 * produces these; search, coverage and the API read them.
 */
export interface PriceItem {
  /** e.g. 修鞋跟, 配钥匙 */
  item: string;
  /** Price in fen (分): ￥15.00 → 1500. */
  priceFen: number;
  /** e.g. 次, 把, 件 */
  unit?: string;
}

export interface OutletRecord {
  /** Stable across re-imports of the same data: the source's own id, or a hash of name, category and place. */
  id: string;
  name: string;
  /** A catalog category code, e.g. "pharmacy". */
  category: string;
  address: string | null;
  /** The outlet's public business phone. */
  phone: string | null;
  /** WGS-84, whatever the source's datum. */
  lng: number;
  lat: number;
  /** OSM opening_hours syntax, normalised at import (e.g. "Mo-Su 06:00-20:00", "24/7"); null when unknown. */
  hours: string | null;
  /** 一店多能: 代收代发, 打印复印 … */
  services: string[];
  /** 小修小补 明码标价 */
  prices: PriceItem[];
  brand: string | null;
  chain: string | null;
  /** Full pinyin without tones or spaces, lowercase: 便利店 → "bianlidian". */
  namePinyin: string;
  /** Pinyin initials, lowercase: 便利店 → "bld". */
  nameInitials: string;
  /** Where the row came from, e.g. "sample-circle.geojson#12" or "outlets.csv:14". */
  source: string | null;
  updatedAt: string;
}
