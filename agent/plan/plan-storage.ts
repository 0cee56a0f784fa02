// Pools and datasets. Safety first: a pool is imported, never created, unless
// `create` is given AND no pool of that name exists or is importable AND none
// of its disks belongs to any pool. `-f` only with `force: true`.
import type { DatasetFact } from '../host/facts.ts';
import type { Dataset, Pool, PoolCreate } from '../profile/v1/types.ts';
import type { PlanContext } from './context.ts';

export function poolResource(name: string): string {
  return `pool/${name}`;
}

export function datasetResource(full: string): string {
  return `dataset/${full}`;
}

function createDisks(c: PoolCreate): string[] {
  const out: string[] = [];
  for (const v of c.vdevs.concat(c.log)) out.push(...v.disks);
  return out.concat(c.cache, c.spares);
}

/** Disk names compare by their shorthand: /dev/dsk/c1t0d0s0 is c1t0d0. */
function diskKey(d: string): string {
  return d.replace(/^\/dev\/r?dsk\//, '').replace(/(s[0-9]+|p[0-9]+)$/, '');
}

function planPool(ctx: PlanContext, pool: Pool): void {
  const res = poolResource(pool.name);
  ctx.resource(res);
  const f = ctx.facts;
  const listErr = ctx.unobserved('zpool list');
  if (listErr) {
    ctx.fail(res, `cannot tell whether pool ${pool.name} is imported: ${listErr}`);
    return;
  }
  if (f.pools.some((p) => p.name === pool.name)) return;
  const candidates = f.importable.filter((p) => p.name === pool.name);
  if (candidates.length > 1) {
    ctx.fail(res, `${candidates.length} importable pools are named ${pool.name} (ids ${candidates.map((c) => c.id).join(', ')}); kiln will not guess which to import`);
    return;
  }
  const found = candidates[0];
  if (found) {
    if (!found.importable) ctx.fail(res, `pool ${pool.name} is visible but cannot be imported (state ${found.state}); attach the missing devices`);
    else if (found.foreign && !pool.force) ctx.fail(res, `pool ${pool.name} was last used by another system; set force: true to import it anyway (zpool import -f)`);
    else ctx.add(res, 'import', { kind: 'importPool', pool: pool.name, force: found.foreign && pool.force }, found.foreign ? `importable, last used by another system, force: true` : `importable (state ${found.state}), not imported`, [], false);
    return;
  }
  if (!pool.create) {
    ctx.fail(res, `pool ${pool.name} is neither imported nor importable, and the profile has no create for it`);
    return;
  }
  const importErr = ctx.unobserved('zpool import') || ctx.unobserved('zpool status');
  if (importErr) {
    ctx.fail(res, `cannot tell whether the disks of ${pool.name} are in use, so it is not created: ${importErr}`);
    return;
  }
  const owners = new Map<string, string>();
  for (const p of f.pools) for (const d of p.disks) owners.set(diskKey(d), `imported pool ${p.name}`);
  for (const p of f.importable) for (const d of p.disks) owners.set(diskKey(d), `exported pool ${p.name}`);
  const busy = createDisks(pool.create).filter((d) => owners.has(diskKey(d)));
  if (busy.length) {
    ctx.fail(res, `refusing to create pool ${pool.name}: ${busy.map((d) => `${d} belongs to ${owners.get(diskKey(d)) as string}`).join('; ')}`);
    return;
  }
  ctx.add(res, 'create', { kind: 'createPool', pool: pool.name, create: pool.create }, 'not imported, not importable, create given, no disk in use', [], true);
}

/** zfs properties the profile sets on a dataset, as zfs spells them. */
function wantedProps(d: Dataset): Record<string, string> {
  const p: Record<string, string> = {};
  if (d.quota !== undefined) p.quota = String(d.quota);
  if (d.reservation !== undefined) p.reservation = String(d.reservation);
  if (d.compression !== undefined) p.compression = d.compression;
  if (d.recordsize !== undefined) p.recordsize = String(d.recordsize);
  if (d.mountpoint !== undefined) p.mountpoint = d.mountpoint;
  return p;
}

/** The observed value of a first-class property, as a string comparable to wantedProps. */
function observed(f: DatasetFact, prop: string): string | undefined {
  const v = (f as unknown as Record<string, unknown>)[prop];
  return v === undefined ? undefined : String(v);
}

function planDataset(ctx: PlanContext, pool: Pool, d: Dataset): void {
  const full = `${pool.name}/${d.name}`;
  const res = datasetResource(full);
  ctx.resource(res);
  const listErr = ctx.unobserved('zfs list');
  const parent = d.name.indexOf('/') >= 0 ? datasetResource(`${pool.name}/${d.name.slice(0, d.name.lastIndexOf('/'))}`) : undefined;
  const deps = [ctx.after(poolResource(pool.name)), parent ? ctx.after(parent) : undefined];
  if (listErr) {
    ctx.fail(res, `cannot tell whether ${full} exists: ${listErr}`, deps);
    return;
  }
  const have = ctx.facts.datasets.filter((x) => x.name === full)[0];
  const want = wantedProps(d);
  if (!have) {
    const op: { kind: 'createDataset'; name: string; props: Record<string, string>; volume?: { size: number; sparse: boolean; blocksize?: number } } = { kind: 'createDataset', name: full, props: { ...want, ...d.properties } };
    if (d.volume) op.volume = d.volume;
    ctx.add(res, 'create', op, `${d.volume ? 'volume' : 'filesystem'} does not exist`, deps, true);
    return;
  }
  const wantType = d.volume ? 'volume' : 'filesystem';
  if (have.type !== wantType) {
    ctx.fail(res, `${full} exists as a ${have.type}, the profile wants a ${wantType}; kiln does not destroy it`, deps);
    return;
  }
  const change: Record<string, string> = {};
  for (const k of Object.keys(want)) if (observed(have, k) !== want[k]) change[k] = want[k] as string;
  if (d.volume && have.volsize !== undefined && have.volsize !== d.volume.size) {
    if (d.volume.size < have.volsize) {
      ctx.fail(res, `volume ${full} is ${have.volsize} bytes; shrinking it to ${d.volume.size} would destroy data, so kiln refuses`, deps);
      return;
    }
    change.volsize = String(d.volume.size);
  }
  const keys = Object.keys(change);
  if (keys.length) ctx.add(res, 'set', { kind: 'setDatasetProps', name: full, props: change }, `${keys.map((k) => `${k} ${observed(have, k) || '-'} → ${change[k] as string}`).join(', ')}`, deps, false);
}

export function planStorage(ctx: PlanContext): void {
  for (const pool of ctx.profile.pools) planPool(ctx, pool);
  for (const pool of ctx.profile.pools) for (const d of pool.datasets) planDataset(ctx, pool, d);
}
