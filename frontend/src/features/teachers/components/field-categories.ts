/** The 19 field categories (专业大类) of the 2021 national catalogue of vocational majors
 * (职业教育专业目录): API codes 41–59 (secondary-vocational 61–79 name the same ones). The
 * backend's teachers/categories.py is the source; these are the names shown in forms. */
export const FIELD_CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['41', '农林牧渔'],
  ['42', '资源环境与安全'],
  ['43', '能源动力与材料'],
  ['44', '土木建筑'],
  ['45', '水利'],
  ['46', '装备制造'],
  ['47', '生物与化工'],
  ['48', '轻工纺织'],
  ['49', '食品药品与粮食'],
  ['50', '交通运输'],
  ['51', '电子与信息'],
  ['52', '医药卫生'],
  ['53', '财经商贸'],
  ['54', '旅游'],
  ['55', '文化艺术'],
  ['56', '新闻传播'],
  ['57', '教育与体育'],
  ['58', '公安与司法'],
  ['59', '公共管理与服务'],
];

export const fieldCategoryOptions = FIELD_CATEGORIES.map(([value, name]) => ({
  value,
  label: `${value} ${name}`,
}));

const NAMES = new Map<string, string>(FIELD_CATEGORIES);

/** "46 装备制造" for a code (61–79 read as their 41–59 twin); "—" when none is stated. */
export function fieldCategoryLabel(code: string | null | undefined): string {
  if (!code) return '—';
  const n = Number(code);
  const key = n >= 61 && n <= 79 ? String(n - 20) : code;
  const name = NAMES.get(key);
  return name ? `${code} ${name}` : code;
}
