// Sizes, bandwidths and durations as users write them, to base units.

export type Parsed = { ok: true; value: number } | { ok: false; message: string; hint?: string };

const MIB = 1024 * 1024;
const SIZE_UNITS: Record<string, number> = { K: 1024, M: MIB, G: 1024 * MIB, T: 1024 * 1024 * MIB };

/** Integer = MiB; string = number + K/M/G/T (binary, optional `i`/`B`). Result in bytes. */
export function parseSize(v: unknown): Parsed {
  if (typeof v === 'number') {
    if (!isFinite(v) || Math.floor(v) !== v || v < 0) return { ok: false, message: `size ${v} is not a whole number of MiB` };
    return { ok: true, value: v * MIB };
  }
  if (typeof v !== 'string') return { ok: false, message: `expected a size, got ${describe(v)}`, hint: 'write MiB as an integer (512) or a string with a unit (512M, 4G, 1T)' };
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGTkmgt])(?:i?[Bb])?\s*$/.exec(v);
  if (!m) {
    if (/^\s*[0-9]+\s*$/.test(v)) return { ok: false, message: `size "${v}" has no unit`, hint: 'a bare number is MiB only when written as an integer (512); as a string add a unit: 512M' };
    return { ok: false, message: `"${v}" is not a size`, hint: 'use K, M, G or T: 512M, 4G, 1.5T' };
  }
  const bytes = Math.round(parseFloat(m[1] as string) * (SIZE_UNITS[(m[2] as string).toUpperCase()] as number));
  return { ok: true, value: bytes };
}

const BW_UNITS: Record<string, number> = { K: 1000, M: 1000 * 1000, G: 1000 * 1000 * 1000 };

/** Integer = Mb/s (as dladm reads a bare number); string = number + K/M/G. Result in bits/s. */
export function parseBandwidth(v: unknown): Parsed {
  if (typeof v === 'number') {
    if (!isFinite(v) || v <= 0 || Math.floor(v) !== v) return { ok: false, message: `bandwidth ${v} is not a positive whole number of Mb/s` };
    return { ok: true, value: v * 1000 * 1000 };
  }
  if (typeof v !== 'string') return { ok: false, message: `expected a bandwidth, got ${describe(v)}`, hint: 'write Mb/s as an integer (100) or a string with a unit (1200K, 100M, 1G)' };
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGkmg])\s*$/.exec(v);
  if (!m) return { ok: false, message: `"${v}" is not a bandwidth`, hint: 'use K, M or G (bits per second): 1200K, 100M, 1G' };
  return { ok: true, value: Math.round(parseFloat(m[1] as string) * (BW_UNITS[(m[2] as string).toUpperCase()] as number)) };
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Integer = seconds; string = number + ms/s/m/h. Result in ms. */
export function parseDuration(v: unknown): Parsed {
  if (typeof v === 'number') {
    if (!isFinite(v) || v < 0) return { ok: false, message: `duration ${v} is not a number of seconds` };
    return { ok: true, value: Math.round(v * 1000) };
  }
  if (typeof v !== 'string') return { ok: false, message: `expected a duration, got ${describe(v)}`, hint: 'write seconds as an integer (30) or a string with a unit (500ms, 30s, 5m, 1h)' };
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)\s*$/.exec(v);
  if (!m) return { ok: false, message: `"${v}" is not a duration`, hint: 'use ms, s, m or h: 500ms, 30s, 5m, 1h' };
  return { ok: true, value: Math.round(parseFloat(m[1] as string) * (DURATION_UNITS[m[2] as string] as number)) };
}

/** How a YAML value reads in an error message. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the boolean'} ${String(v)}`;
}

/** Human form of a byte count, for messages. */
export function formatBytes(n: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}
