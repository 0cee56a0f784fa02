// The two vdev-tree layouts of zpool: the `zpool import` listing (§1.1) and
// `zpool status` (§1.4).
import { padLeft, padRight } from '../format.ts';
import type { Pool, Vdev } from '../state.ts';

/** `mirror-0`, `raidz2-1`, or the disk name. */
export function vdevName(v: Vdev, id: number): string {
  return v.type === 'disk' ? (v.name ?? '?') : `${v.type}-${id}`;
}

export function leaves(v: Vdev): string[] {
  if (v.type === 'disk') return v.name ? [v.name] : [];
  return (v.children ?? []).flatMap(leaves);
}

/** Every device a pool uses: data, log, cache and spare disks. */
export function poolDisks(p: Pool): string[] {
  return [...p.vdevs.flatMap(leaves), ...p.logs.flatMap(leaves), ...p.cache, ...p.spares];
}

interface Row {
  name: string;
  depth: number;
  v: Vdev;
}

function rows(vdevs: Vdev[], firstId: number): Row[] {
  const out: Row[] = [];
  vdevs.forEach((v, i) => {
    out.push({ name: vdevName(v, firstId + i), depth: 2, v });
    for (const c of v.children ?? []) out.push({ name: c.name ?? '?', depth: 4, v: c });
  });
  return out;
}

function nameWidth(p: Pool, includePool: boolean): number {
  let w = 10;
  const all = [...rows(p.vdevs, 0), ...rows(p.logs, p.vdevs.length)];
  for (const r of all) w = Math.max(w, r.name.length + r.depth);
  for (const d of [...p.cache, ...p.spares]) w = Math.max(w, d.length + 2);
  if (includePool) w = Math.max(w, p.name.length);
  return w;
}

function stateOf(v: Vdev): string {
  return v.state ?? 'ONLINE';
}

function importAction(p: Pool, msgUrl: string): string[] {
  if (p.state === 'UNAVAIL' || p.state === 'FAULTED') {
    return [' action: The pool cannot be imported. Attach the missing\n\tdevices and try again.'];
  }
  if (p.foreign) {
    return [
      ' status: The pool was last accessed by another system.',
      " action: The pool can be imported using its name or numeric identifier and\n\tthe '-f' flag.",
      `   see: ${msgUrl}ZFS-8000-EY`,
    ];
  }
  if (p.state === 'DEGRADED') {
    return [
      ' status: One or more devices are missing from the system.',
      ' action: The pool can be imported despite missing or damaged devices.  The\n\tfault tolerance of the pool may be compromised if imported.',
      `   see: ${msgUrl}ZFS-8000-2Q`,
    ];
  }
  return [' action: The pool can be imported using its name or numeric identifier.'];
}

/** One pool of the `zpool import` listing (no trailing blank line). */
export function importListing(p: Pool, msgUrl: string): string {
  const w = nameWidth(p, false);
  const line = (name: string, depth: number, state: string, aux?: string): string =>
    `\t${' '.repeat(depth)}${padRight(name, w - depth)}  ${state}${aux ? `  ${aux}` : ''}\n`;
  let s = `   pool: ${p.name}\n     id: ${p.guid}\n  state: ${p.state}\n`;
  for (const l of importAction(p, msgUrl)) s += `${l}\n`;
  s += ' config:\n\n';
  s += line(p.name, 0, p.state);
  for (const r of rows(p.vdevs, 0)) s += line(r.name, r.depth, stateOf(r.v), r.v.aux);
  if (p.cache.length > 0) s += '\tcache\n' + p.cache.map((d) => `\t  ${d}\n`).join('');
  if (p.spares.length > 0) s += '\tspares\n' + p.spares.map((d) => `\t  ${d}\n`).join('');
  if (p.logs.length > 0) {
    s += '\tlogs\t\n';
    for (const r of rows(p.logs, p.vdevs.length)) s += line(r.name, r.depth, stateOf(r.v), r.v.aux);
  }
  return s;
}

/** `zpool status` of one pool (no trailing blank line). */
export function statusListing(p: Pool): string {
  const w = nameWidth(p, true);
  const counters = (v?: Vdev): string => {
    const [r, wr, c] = v?.errors ?? [0, 0, 0];
    return ` ${padLeft(String(r), 5)} ${padLeft(String(wr), 5)} ${padLeft(String(c), 5)}`;
  };
  const line = (name: string, depth: number, state: string, v?: Vdev): string =>
    `\t${' '.repeat(depth)}${padRight(name, w - depth)}  ${padRight(state, 8)}${counters(v)}${v?.aux ? `  ${v.aux}` : ''}\n`;
  let s = `  pool: ${p.name}\n state: ${p.state}\n`;
  if (p.statusText) s += `status: ${p.statusText}\n`;
  if (p.actionText) s += `action: ${p.actionText}\n`;
  if (p.see) s += `   see: ${p.see}\n`;
  s += `  scan: ${p.scan ?? 'none requested'}\nconfig:\n\n`;
  s += `\t${padRight('NAME', w)}  ${padRight('STATE', 8)} ${padLeft('READ', 5)} ${padLeft('WRITE', 5)} ${padLeft('CKSUM', 5)}\n`;
  s += line(p.name, 0, p.state);
  for (const r of rows(p.vdevs, 0)) s += line(r.name, r.depth, stateOf(r.v), r.v);
  if (p.logs.length > 0) {
    s += '\tlogs\t\n';
    for (const r of rows(p.logs, p.vdevs.length)) s += line(r.name, r.depth, stateOf(r.v), r.v);
  }
  if (p.cache.length > 0) {
    s += '\tcache\n';
    for (const d of p.cache) s += line(d, 2, 'ONLINE');
  }
  if (p.spares.length > 0) {
    s += '\tspares\n';
    for (const d of p.spares) {
      const inUse = p.sparesInUse?.includes(d) ?? false;
      s += `\t  ${padRight(d, w - 2)}  ${padRight(inUse ? 'INUSE' : 'AVAIL', 8)}\n`;
    }
  }
  s += '\nerrors: No known data errors\n';
  return s;
}

export function isHealthy(p: Pool): boolean {
  return p.state === 'ONLINE';
}
