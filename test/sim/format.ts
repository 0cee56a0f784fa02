// Small formatting and parsing helpers shared by the simulated tools.

export function padRight(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** zfs_nicenum: 1024-based, at most 5 characters (`10.9T`, `512M`, `0`). */
export function nicenum(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const u = units[i] ?? '';
  if (i === 0 || n % Math.pow(1024, i) === 0) return `${Math.floor(v)}${u}`;
  for (let p = 2; p >= 0; p--) {
    const s = `${v.toFixed(p)}${u}`;
    if (s.length <= 5) return s;
  }
  return `${Math.round(v)}${u}`;
}

const BIN_SCALE: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };

/**
 * zfs_nicestrtonum: `10G`, `1.5t`, `512M`, `4096`, `10GB`; binary scale.
 * Returns undefined for anything else.
 */
export function parseZfsSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([bkmgtpe]?)(b?)$/i.exec(text);
  if (!m) return undefined;
  const [, num, suf, b] = m;
  if (suf === undefined || num === undefined) return undefined;
  // `1BB` is not a size; a trailing B is only allowed after a scale letter.
  if (b && (suf === '' || suf.toLowerCase() === 'b')) return undefined;
  const scale = BIN_SCALE[suf.toLowerCase()];
  if (scale === undefined) return undefined;
  const v = Number(num) * scale;
  if (!Number.isFinite(v)) return undefined;
  if (!Number.isInteger(v) && suf === '') return undefined;
  return Math.floor(v);
}

/** zonecfg sizes (`2g`, `512m`, `1073741824`): binary scale K/M/G/T, integer result. */
export function parseZonecfgBytes(text: string): bigint | undefined {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)$/i.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const mult: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
  const f = mult[(m[2] ?? '').toLowerCase()] ?? 1;
  const v = Number(m[1]) * f;
  if (!Number.isFinite(v)) return undefined;
  return BigInt(Math.floor(v));
}

/** Parse a MAC (`90:b8:d0:0a:01:5c`, `2:8:20:a1:b2:c3`) into octets. */
export function parseMac(text: string): number[] | undefined {
  const parts = text.split(':');
  if (parts.length !== 6) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return undefined;
    out.push(parseInt(p, 16));
  }
  return out;
}

/** `_link_ntoa` style: `%x` per octet, no zero padding. */
export function formatMac(octets: number[]): string {
  return octets.map((o) => o.toString(16)).join(':');
}

export function normaliseMac(text: string): string | undefined {
  const o = parseMac(text);
  return o ? formatMac(o) : undefined;
}

/** dladm parsable mode: `:` and `\` escaped only when several fields are printed. */
export function escapeParsable(v: string, multi: boolean): string {
  return multi ? v.replace(/\\/g, '\\\\').replace(/:/g, '\\:') : v;
}

/** Deterministic pseudo-random 32-bit number from a counter (mulberry32 step). */
export function prng(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** A deterministic RFC-4122-looking uuid derived from a counter. */
export function uuidFrom(n: number): string {
  const hex = [prng(n * 4), prng(n * 4 + 1), prng(n * 4 + 2), prng(n * 4 + 3)]
    .map((x) => x.toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ctime(3C) text without the newline: `Tue Mar  5 10:22:31 2024` (UTC). */
export function ctime(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${padLeft(String(d.getUTCDate()), 2)} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
