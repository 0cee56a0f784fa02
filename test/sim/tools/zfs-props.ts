// zfs dataset properties: which types they apply to, defaults, inheritance,
// how they print (-p exact vs human) and how `set`/`-o` values are checked.
// [UNCERTAIN] `invalid property`, `is readonly`, `does not apply to datasets of this type`
// and the value errors follow libzfs' style but were not checked against a live system.
import { nicenum, parseZfsSize } from '../format.ts';
import type { Dataset, DatasetType, SimState } from '../state.ts';

interface PropDef {
  types: DatasetType[];
  kind: 'size' | 'string' | 'index' | 'mountpoint';
  inherit: boolean;
  readonly?: boolean;
  /** default (base units for sizes) */
  def?: string;
  /** allowed values of an index property */
  values?: string[];
  /** a size of 0 prints `none` in human mode */
  noneWhenZero?: boolean;
}

const FS: DatasetType[] = ['filesystem'];
const FSVOL: DatasetType[] = ['filesystem', 'volume'];
const ALL: DatasetType[] = ['filesystem', 'volume', 'snapshot'];
const ONOFF = ['on', 'off'];

export const PROPS: Record<string, PropDef> = {
  type: { types: ALL, kind: 'string', inherit: false, readonly: true },
  used: { types: ALL, kind: 'size', inherit: false, readonly: true },
  available: { types: FSVOL, kind: 'size', inherit: false, readonly: true },
  referenced: { types: ALL, kind: 'size', inherit: false, readonly: true },
  volsize: { types: ['volume'], kind: 'size', inherit: false },
  volblocksize: { types: ['volume'], kind: 'size', inherit: false, def: '8192' },
  quota: { types: FS, kind: 'size', inherit: false, def: '0', noneWhenZero: true },
  refquota: { types: FS, kind: 'size', inherit: false, def: '0', noneWhenZero: true },
  reservation: { types: FSVOL, kind: 'size', inherit: false, def: '0', noneWhenZero: true },
  refreservation: { types: FSVOL, kind: 'size', inherit: false, def: '0', noneWhenZero: true },
  recordsize: { types: FS, kind: 'size', inherit: true, def: '131072' },
  mountpoint: { types: FS, kind: 'mountpoint', inherit: true },
  compression: {
    types: FSVOL,
    kind: 'index',
    inherit: true,
    def: 'off',
    values: ['on', 'off', 'lzjb', 'gzip', 'gzip-1', 'gzip-2', 'gzip-3', 'gzip-4', 'gzip-5', 'gzip-6', 'gzip-7', 'gzip-8', 'gzip-9', 'zle', 'lz4'],
  },
  atime: { types: FS, kind: 'index', inherit: true, def: 'on', values: ONOFF },
  canmount: { types: FS, kind: 'index', inherit: false, def: 'on', values: ['on', 'off', 'noauto'] },
  checksum: { types: FSVOL, kind: 'index', inherit: true, def: 'on', values: ['on', 'off', 'fletcher2', 'fletcher4', 'sha256', 'sha512', 'skein', 'edonr'] },
  dedup: { types: FSVOL, kind: 'index', inherit: true, def: 'off', values: ['on', 'off', 'verify', 'sha256'] },
  readonly: { types: FSVOL, kind: 'index', inherit: true, def: 'off', values: ONOFF },
  setuid: { types: FS, kind: 'index', inherit: true, def: 'on', values: ONOFF },
  devices: { types: FS, kind: 'index', inherit: true, def: 'on', values: ONOFF },
  exec: { types: FS, kind: 'index', inherit: true, def: 'on', values: ONOFF },
  zoned: { types: FS, kind: 'index', inherit: true, def: 'off', values: ONOFF },
  sync: { types: FSVOL, kind: 'index', inherit: true, def: 'standard', values: ['standard', 'always', 'disabled'] },
  logbias: { types: FSVOL, kind: 'index', inherit: true, def: 'latency', values: ['latency', 'throughput'] },
  primarycache: { types: FSVOL, kind: 'index', inherit: true, def: 'all', values: ['all', 'none', 'metadata'] },
  secondarycache: { types: FSVOL, kind: 'index', inherit: true, def: 'all', values: ['all', 'none', 'metadata'] },
  sharenfs: { types: FS, kind: 'string', inherit: true, def: 'off' },
  copies: { types: FSVOL, kind: 'index', inherit: true, def: '1', values: ['1', '2', '3'] },
};

export const ALIASES: Record<string, string> = {
  avail: 'available',
  refer: 'referenced',
  compress: 'compression',
  recsize: 'recordsize',
  reserv: 'reservation',
  refreserv: 'refreservation',
  volblock: 'volblocksize',
  rdonly: 'readonly',
};

export function canonProp(name: string): string {
  return ALIASES[name] ?? name;
}

export function isUserProp(name: string): boolean {
  return name.includes(':');
}

function parentName(name: string): string | undefined {
  const at = name.indexOf('@');
  if (at >= 0) return name.slice(0, at);
  const i = name.lastIndexOf('/');
  return i < 0 ? undefined : name.slice(0, i);
}

function find(s: SimState, name: string): Dataset | undefined {
  return s.datasets.find((d) => d.name === name);
}

function poolOf(name: string): string {
  return name.split(/[/@]/)[0] ?? name;
}

/** Mountpoint with inheritance: the nearest ancestor's setting plus the path below it. */
function mountpoint(s: SimState, ds: Dataset): { value: string; source: string } {
  let cur: Dataset | undefined = ds;
  let suffix = '';
  while (cur) {
    const local = cur.props['mountpoint'];
    if (local !== undefined) {
      const src = cur === ds ? 'local' : `inherited from ${cur.name}`;
      if (local === 'legacy' || local === 'none') return { value: local, source: src };
      return { value: withAltroot(s, ds, (local === '/' ? '' : local) + suffix || '/'), source: src };
    }
    const p = parentName(cur.name);
    suffix = cur.name.slice(p === undefined ? 0 : p.length) + suffix;
    if (p === undefined) break;
    cur = find(s, p);
  }
  return { value: withAltroot(s, ds, suffix.startsWith('/') ? suffix : `/${suffix}`), source: 'default' };
}

function withAltroot(s: SimState, ds: Dataset, path: string): string {
  const altroot = s.pools.find((p) => p.name === poolOf(ds.name))?.altroot;
  if (!altroot || altroot === '/') return path;
  return path === '/' ? altroot : altroot + path;
}

function usedBytes(s: SimState, ds: Dataset): number {
  const own = Number(ds.props['used'] ?? (ds.type === 'volume' ? ds.props['refreservation'] ?? '0' : ds.type === 'snapshot' ? '0' : '24576'));
  if (ds.type === 'snapshot') return own;
  const kids = s.datasets.filter((d) => parentName(d.name) === ds.name && d.type !== 'snapshot');
  return kids.reduce((n, k) => n + usedBytes(s, k), own);
}

function availBytes(s: SimState, ds: Dataset): number {
  const pool = s.pools.find((p) => p.name === poolOf(ds.name));
  const root = find(s, poolOf(ds.name));
  const poolFree = Math.max(0, (pool?.size ?? 0) - (pool?.alloc ?? 0) - (root && root !== ds ? usedBytes(s, root) : 0));
  const quota = Number(ds.props['quota'] ?? '0');
  if (quota > 0) return Math.max(0, Math.min(poolFree, quota - usedBytes(s, ds)));
  return poolFree;
}

export interface PropResult {
  value: string;
  source: string;
}

/** A property's value and source; `-`/`-` when it does not apply to the dataset's type. */
export function propValue(s: SimState, ds: Dataset, rawName: string, exact: boolean): PropResult | undefined {
  const name = canonProp(rawName);
  if (name === 'name') return { value: ds.name, source: '-' };
  if (isUserProp(name)) {
    let cur: Dataset | undefined = ds;
    while (cur) {
      const v = cur.props[name];
      if (v !== undefined) return { value: v, source: cur === ds ? 'local' : `inherited from ${cur.name}` };
      const p = parentName(cur.name);
      cur = p === undefined ? undefined : find(s, p);
    }
    return { value: '-', source: '-' };
  }
  const def = PROPS[name];
  if (!def) return undefined;
  if (!def.types.includes(ds.type)) return { value: '-', source: '-' };
  const size = (n: number): string => (exact ? String(n) : def.noneWhenZero && n === 0 ? 'none' : nicenum(n));
  switch (name) {
    case 'type':
      return { value: ds.type, source: '-' };
    case 'used':
      return { value: size(usedBytes(s, ds)), source: '-' };
    case 'referenced':
      return { value: size(Number(ds.props['used'] ?? '24576')), source: '-' };
    case 'available':
      return { value: size(availBytes(s, ds)), source: '-' };
    case 'mountpoint':
      return mountpoint(s, ds);
    case 'volsize':
      return { value: size(Number(ds.props['volsize'] ?? '0')), source: 'local' };
    default:
      break;
  }
  let cur: Dataset | undefined = ds;
  while (cur) {
    const v = cur.props[name];
    if (v !== undefined) {
      const src = cur === ds ? 'local' : `inherited from ${cur.name}`;
      return { value: def.kind === 'size' ? size(Number(v)) : v, source: src };
    }
    if (!def.inherit) break;
    const p = parentName(cur.name);
    cur = p === undefined ? undefined : find(s, p);
  }
  const d = def.def ?? '-';
  return { value: def.kind === 'size' && d !== '-' ? size(Number(d)) : d, source: 'default' };
}

/**
 * Check a `prop=value` for a dataset type; returns the stored value (base units),
 * null to unset, or an error text (`invalid property 'x'`...).
 */
export function checkSet(rawName: string, value: string, type: DatasetType): { store: string | null } | { error: string } {
  const name = canonProp(rawName);
  if (isUserProp(name)) return { store: value };
  const def = PROPS[name];
  if (!def) return { error: `invalid property '${rawName}'` };
  if (def.readonly) return { error: `'${name}' is readonly` };
  if (!def.types.includes(type)) return { error: `'${name}' does not apply to datasets of this type` };
  if (def.kind === 'size') {
    if (value === 'none' && def.noneWhenZero) return { store: null };
    const n = parseZfsSize(value);
    if (n === undefined) return { error: `bad numeric value '${value}'` };
    if (name === 'recordsize' && (n < 512 || n > 1048576 || (n & (n - 1)) !== 0)) return { error: "'recordsize' must be power of 2 from 512B to 1M" };
    return { store: def.noneWhenZero && n === 0 ? null : String(n) };
  }
  if (def.kind === 'mountpoint') {
    if (value === 'none' || value === 'legacy' || value.startsWith('/')) return { store: value };
    return { error: "'mountpoint' must be an absolute path, 'none', or 'legacy'" };
  }
  if (def.values && !def.values.includes(value)) {
    return { error: `'${name}' must be one of '${def.values.join(' | ')}'` };
  }
  return { store: value };
}
