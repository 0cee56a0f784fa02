// zpool create: vdev grammar (§1.5), device checks and refusals.
import type { Ctx } from '../ctx.ts';
import { prng } from '../format.ts';
import { getopt, has, optValue, optValues } from '../getopt.ts';
import type { Pool, SimState, Vdev, VdevType } from '../state.ts';
import { canonProp, checkSet } from './zfs-props.ts';
import { leaves, poolDisks } from './zpool-show.ts';

/** Every simulated disk has this raw size [UNCERTAIN: real sizes come from the label]. */
export const DISK_BYTES = 1000204886016;

interface Spec {
  vdevs: Vdev[];
  logs: Vdev[];
  cache: string[];
  spares: string[];
}

const GROUPS: Record<string, VdevType> = { mirror: 'mirror', raidz: 'raidz1', raidz1: 'raidz1', raidz2: 'raidz2', raidz3: 'raidz3' };
const MIN_CHILDREN: Record<string, number> = { mirror: 2, raidz1: 2, raidz2: 3, raidz3: 4 };

function shorthand(dev: string): string {
  return dev.replace(/^\/dev\/dsk\//, '').replace(/s\d+$/, '');
}

/** Parse `[mirror|raidzN] dev... [log ...] [cache ...] [spare ...]`; returns an error text on failure. */
function parseSpec(words: string[]): Spec | string {
  const spec: Spec = { vdevs: [], logs: [], cache: [], spares: [] };
  let cls: 'data' | 'log' | 'cache' | 'spare' = 'data';
  let group: Vdev | undefined;
  const finishGroup = (): string | undefined => {
    if (!group) return undefined;
    const n = group.children?.length ?? 0;
    const min = MIN_CHILDREN[group.type] ?? 1;
    const g = group;
    group = undefined;
    if (n < min) {
      const kw = g.type === 'mirror' ? 'mirror' : 'raidz';
      return `invalid vdev specification: ${kw} requires at least ${min} devices`;
    }
    return undefined;
  };
  for (const w of words) {
    if (w === 'log' || w === 'cache' || w === 'spare') {
      const e = finishGroup();
      if (e) return e;
      cls = w;
      continue;
    }
    const gt = GROUPS[w];
    if (gt) {
      const e = finishGroup();
      if (e) return e;
      // [UNCERTAIN] wording of the cache/spare grouping refusal
      if (cls === 'cache' || cls === 'spare') return `invalid vdev specification: ${cls} devices cannot be grouped`;
      if (cls === 'log' && gt !== 'mirror') return 'invalid vdev specification: raidz is not supported for log devices';
      group = { type: gt, children: [] };
      (cls === 'log' ? spec.logs : spec.vdevs).push(group);
      continue;
    }
    const disk = shorthand(w);
    if (group) group.children?.push({ type: 'disk', name: disk });
    else if (cls === 'data') spec.vdevs.push({ type: 'disk', name: disk });
    else if (cls === 'log') spec.logs.push({ type: 'disk', name: disk });
    else if (cls === 'cache') spec.cache.push(disk);
    else spec.spares.push(disk);
  }
  const e = finishGroup();
  if (e) return e;
  if (words.includes('log') && spec.logs.length === 0) return 'invalid vdev specification: log requires at least 1 device';
  if (words.includes('spare') && spec.spares.length === 0) return 'invalid vdev specification: spare requires at least 1 device';
  if (words.includes('cache') && spec.cache.length === 0) return 'invalid vdev specification: cache requires at least 1 device';
  if (spec.vdevs.length === 0) return 'invalid vdev specification: at least one toplevel vdev must be specified';
  return spec;
}

function poolNameError(name: string): string | undefined {
  if (name.includes('/')) return `invalid character '/' in pool name\nuse 'zfs create' to create a dataset`;
  if (!/^[A-Za-z]/.test(name)) return 'name must begin with a letter';
  const bad = /[^A-Za-z0-9_.\- :]/.exec(name);
  if (bad) return `invalid character '${bad[0]}' in pool name`;
  if (['mirror', 'raidz', 'spare', 'log'].some((r) => name.startsWith(r))) return 'name is reserved';
  if (/^c[0-9]/.test(name)) return 'pool name is reserved';
  if (name.length >= 256) return 'name is too long';
  return undefined;
}

function newGuid(s: SimState): string {
  s.counters.guid++;
  const hi = BigInt(prng(s.counters.guid * 2) >>> 1);
  const lo = BigInt(prng(s.counters.guid * 2 + 1));
  return ((hi << BigInt(32)) | lo).toString();
}

function capacity(v: Vdev): number {
  const n = v.children?.length ?? 1;
  return v.type === 'mirror' ? DISK_BYTES : v.type === 'disk' ? DISK_BYTES : n * DISK_BYTES;
}

export function zpoolCreate(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':fndBR:m:o:O:t:');
  if (g.error) {
    ctx.err(g.error.kind === 'missing' ? `missing argument for '-${g.error.letter}' option\n` : `invalid option '${g.error.letter}'\n`);
    return 2;
  }
  const [name, ...words] = g.operands;
  if (!name) {
    ctx.err('missing pool name argument\n');
    return 2;
  }
  const force = has(g, 'f');
  return ctx.tx((s) => {
    const ne = poolNameError(name);
    if (ne) {
      ctx.err(`cannot create '${name}': ${ne}\n`);
      return 1;
    }
    const spec = parseSpec(words);
    if (typeof spec === 'string') {
      ctx.err(`${spec}\n`);
      return 1;
    }
    const devs = [...spec.vdevs.flatMap(leaves), ...spec.logs.flatMap(leaves), ...spec.cache, ...spec.spares];
    for (const d of devs) {
      if (!s.disks.includes(d)) {
        ctx.err(`cannot open '${d}': no such device in /dev/dsk\nmust be a full path or shorthand device name\n`);
        return 1;
      }
    }
    // In-use checks: errors for an active pool cannot be forced away.
    const problems: string[] = [];
    for (const d of devs) {
      const active = s.pools.find((p) => poolDisks(p).includes(d));
      if (active) {
        problems.push(
          active.spares.includes(d)
            ? `/dev/dsk/${d}s0 is reserved as a hot spare for pool '${active.name}'`
            : `/dev/dsk/${d}s0 is part of active pool '${active.name}'`,
        );
        continue;
      }
      const other = s.importable.find((p) => poolDisks(p).includes(d));
      if (other && !force) problems.push(`/dev/dsk/${d}s0 is part of ${other.exported ? 'exported' : 'potentially active'} pool '${other.name}'`);
    }
    const types = new Set(spec.vdevs.map((v) => (v.type.startsWith('raidz') ? 'raidz' : v.type)));
    if (!force && types.size > 1) {
      const [a, b] = [...types].sort();
      problems.push(`mismatched replication level: both ${a} and ${b} vdevs are present`);
    }
    if (problems.length > 0) {
      ctx.err(
        'invalid vdev specification\n' +
          (force ? 'the following errors must be manually repaired:\n' : "use '-f' to override the following errors:\n") +
          problems.map((p) => `${p}\n`).join(''),
      );
      return 1;
    }
    if (new Set(devs).size !== devs.length) {
      ctx.err(`cannot create '${name}': one or more vdevs refer to the same device\n`);
      return 1;
    }
    if (s.pools.some((p) => p.name === name)) {
      ctx.err(`cannot create '${name}': pool already exists\n`);
      return 1;
    }
    const props: Record<string, string> = {};
    const mnt = optValue(g, 'm');
    if (mnt) props['mountpoint'] = mnt;
    for (const o of optValues(g, 'O')) {
      const i = o.indexOf('=');
      const r = i > 0 ? checkSet(o.slice(0, i), o.slice(i + 1), 'filesystem') : { error: `missing '=' for -O argument` };
      if ('error' in r) {
        ctx.err(`cannot create '${name}': ${r.error}\n`);
        return 1;
      }
      if (r.store !== null) props[canonProp(o.slice(0, i))] = r.store;
    }
    // Forced over an importable pool's disks: that pool is gone.
    s.importable = s.importable.filter((p) => !poolDisks(p).some((d) => devs.includes(d)));
    const pool: Pool = {
      name,
      guid: newGuid(s),
      state: 'ONLINE',
      size: spec.vdevs.reduce((n, v) => n + capacity(v), 0),
      alloc: 0,
      vdevs: spec.vdevs,
      logs: spec.logs,
      cache: spec.cache,
      spares: spec.spares,
    };
    const altroot = optValue(g, 'R');
    if (altroot) pool.altroot = altroot;
    s.pools.push(pool);
    s.datasets = s.datasets.filter((d) => d.name !== name && !d.name.startsWith(`${name}/`) && !d.name.startsWith(`${name}@`));
    s.counters.txg++;
    s.datasets.push({ name, type: 'filesystem', props, createtxg: s.counters.txg });
    return 0;
  });
}
