/**
 * The columns (CSV) and properties (GeoJSON) an import reads, each with the
 * names a file may give it, Chinese or English. Data, not code: a new alias
 * is one more string here.
 */
export const FIELD_NAMES = {
  id: ["id", "编号", "门店编号", "outlet_id"],
  name: ["name", "名称", "店名", "门店名称", "商户名称"],
  category: ["category", "类别", "业态", "分类", "类型"],
  address: ["address", "地址", "详细地址"],
  phone: ["phone", "电话", "联系电话", "tel"],
  lng: ["lng", "lon", "long", "longitude", "经度"],
  lat: ["lat", "latitude", "纬度"],
  hours: ["hours", "opening_hours", "营业时间"],
  services: ["services", "服务", "服务项目"],
  brand: ["brand", "品牌"],
  chain: ["chain", "连锁", "是否连锁"],
  prices: ["prices", "价目", "价目表", "收费标准"],
} as const satisfies Record<string, readonly string[]>;

export type FieldName = keyof typeof FIELD_NAMES;

/** The fields a CSV header must have. */
export const REQUIRED_FIELDS: readonly FieldName[] = ["name", "category", "lng", "lat"];

/** One row as the framing read it: field values not yet checked or converted. */
export interface RawRow {
  line: number;
  fields: Partial<Record<FieldName, unknown>>;
}

/** How a person names a field in a message: 经度/lng. */
export function fieldLabel(field: FieldName): string {
  const names: readonly string[] = FIELD_NAMES[field];
  const chinese = names.find((name) => /[\u4e00-\u9fff]/.test(name));
  return chinese ? `${chinese}/${field}` : field;
}

function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, "") // 经度（GCJ-02）, 营业时间(24小时制)
    .replace(/[\s_-]+/g, "_")
    .replace(/^_|_$/g, "");
}

const BY_NAME: ReadonlyMap<string, FieldName> = new Map(
  (Object.entries(FIELD_NAMES) as [FieldName, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [normaliseName(name), field] as const),
  ),
);

/** A column or property name → the field it fills, if any. */
export function fieldOf(name: string): FieldName | undefined {
  return BY_NAME.get(normaliseName(name));
}
