// `zfs list -H -p -o <fields> -t filesystem,volume`. Strict: a line with the
// wrong field count, an unknown type or a non-numeric size throws ParseError.
import type { DatasetFact } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';

/** The columns observe asks for, in order. */
export const ZFS_LIST_FIELDS = [
  'name',
  'type',
  'volsize',
  'quota',
  'reservation',
  'compression',
  'recordsize',
  'mountpoint',
] as const;

const SIZES = ['volsize', 'quota', 'reservation', 'recordsize'] as const;
const TYPES = ['filesystem', 'volume', 'snapshot'];

/** Datasets; `-` (not applicable) leaves a property undefined. Bookmarks are skipped. */
export function parseZfsList(stdout: string, fields: readonly string[] = ZFS_LIST_FIELDS): DatasetFact[] {
  const out: DatasetFact[] = [];
  outputLines(stdout).forEach((line, i) => {
    const f = line.split('\t');
    if (f.length !== fields.length) {
      throw new ParseError(`expected ${fields.length} fields, got ${f.length}: '${line}'`, i + 1);
    }
    const col: Record<string, string> = {};
    fields.forEach((name, k) => (col[name] = f[k] as string));
    const name = col['name'];
    const type = col['type'];
    if (!name) throw new ParseError(`empty dataset name: '${line}'`, i + 1);
    if (type === 'bookmark') return;
    if (type === undefined || TYPES.indexOf(type) < 0) throw new ParseError(`unknown type '${type}'`, i + 1);
    const d: DatasetFact = { name, type: type as DatasetFact['type'] };
    for (const key of SIZES) {
      const v = col[key];
      if (v !== undefined && v !== '-') d[key] = parseCount(v, key, i + 1);
    }
    const compression = col['compression'];
    if (compression !== undefined && compression !== '-') d.compression = compression;
    const mountpoint = col['mountpoint'];
    if (mountpoint !== undefined && mountpoint !== '-') d.mountpoint = mountpoint;
    out.push(d);
  });
  return out;
}
