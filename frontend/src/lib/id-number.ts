import dayjs from 'dayjs';

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** 18-character 居民身份证号 with its ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (checkChars[sum % 11] !== id[17]) return false;
  return dayjs(id.slice(6, 14), 'YYYYMMDD').isValid();
}

/** Birth date and gender that the ID number carries (the server checks they agree). */
export function parseIdNumber(value: string): { birth_date: string; gender: 'male' | 'female' } | null {
  if (!isValidIdNumber(value)) return null;
  const id = value.trim();
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { birth_date: birth, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}
