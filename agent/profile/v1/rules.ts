// The cross-reference pass: rules that span several keys (a zone's net names
// a declared VNIC, names are unique, caps are ordered...). Runs on the raw
// document after the structural pass and skips values of the wrong type, so
// every problem is reported once.
import type { Ctx } from '../check-types.ts';
import { locate, report } from '../check-types.ts';
import { linkNameProblem } from '../names.ts';
import type { PathSeg } from '../path.ts';
import { formatBytes, parseSize } from '../units.ts';
import { suggest } from '../suggest.ts';

type Obj = Record<string, unknown>;

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) as Obj[]) : [];
}
function items(v: unknown): Array<{ o: Obj; i: number }> {
  const out: Array<{ o: Obj; i: number }> = [];
  if (Array.isArray(v)) v.forEach((o, i) => { if (o && typeof o === 'object' && !Array.isArray(o)) out.push({ o: o as Obj, i }); });
  return out;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function size(v: unknown): number | undefined {
  const p = parseSize(v);
  return v !== undefined && p.ok ? p.value : undefined;
}

/** Report the second and later uses of a name. */
function unique(ctx: Ctx, entries: Array<{ name: string | undefined; path: PathSeg[] }>, what: string): void {
  const seen = new Map<string, PathSeg[]>();
  for (const e of entries) {
    if (e.name === undefined) continue;
    const first = seen.get(e.name);
    if (first) {
      const at = locate(ctx, first);
      report(ctx, e.path, 'E_DUPLICATE', `${what} "${e.name}" is declared twice`, at ? `first declared at line ${at.line}` : undefined);
    }
    else seen.set(e.name, e.path);
  }
}

function checkPools(ctx: Ctx, doc: Obj): void {
  const pools = items(doc.pools);
  unique(ctx, pools.map(({ o, i }) => ({ name: str(o.name), path: ['pools', i, 'name'] })), 'pool');
  const systems = pools.filter(({ o }) => o.system === true);
  if (systems.length > 1) report(ctx, ['pools', (systems[1] as { i: number }).i, 'system'], 'E_DUPLICATE', 'only one pool can be the system pool');
  const diskUse: Array<{ name: string | undefined; path: PathSeg[] }> = [];
  for (const { o: p, i } of pools) {
    unique(ctx, items(p.datasets).map(({ o, i: j }) => ({ name: str(o.name), path: ['pools', i, 'datasets', j, 'name'] })), 'dataset');
    for (const { o: ds, i: j } of items(p.datasets)) checkDataset(ctx, ds, ['pools', i, 'datasets', j]);
    const create = p.create && typeof p.create === 'object' ? (p.create as Obj) : undefined;
    if (!create) continue;
    const minDisks: Record<string, number> = { stripe: 1, mirror: 2, raidz: 2, raidz2: 3, raidz3: 4 };
    for (const section of ['vdevs', 'log']) {
      for (const { o: v, i: j } of items(create[section])) {
        const type = str(v.type) || 'stripe';
        const disks = Array.isArray(v.disks) ? v.disks : [];
        const need = minDisks[type];
        if (need !== undefined && disks.length > 0 && disks.length < need) report(ctx, ['pools', i, 'create', section, j, 'disks'], 'E_VDEV', `a ${type} vdev needs at least ${need} disks, has ${disks.length}`);
        disks.forEach((d, k) => diskUse.push({ name: str(d), path: ['pools', i, 'create', section, j, 'disks', k] }));
      }
    }
    for (const section of ['cache', 'spares']) {
      if (Array.isArray(create[section])) (create[section] as unknown[]).forEach((d, k) => diskUse.push({ name: str(d), path: ['pools', i, 'create', section, k] }));
    }
  }
  unique(ctx, diskUse, 'disk');
}

function checkDataset(ctx: Ctx, ds: Obj, path: PathSeg[]): void {
  if (ds.volume !== undefined) {
    for (const k of ['quota', 'recordsize', 'mountpoint']) {
      if (ds[k] !== undefined) report(ctx, path.concat([k]), 'E_VOLUME', `"${k}" applies to filesystems, not volumes`, 'remove it, or drop `volume` to make a filesystem', 'key');
    }
  }
  const q = size(ds.quota);
  const r = size(ds.reservation);
  if (q !== undefined && r !== undefined && q > 0 && r > q) report(ctx, path.concat(['reservation']), 'E_ORDER', `reservation ${formatBytes(r)} is larger than the quota ${formatBytes(q)}`);
  const rs = size(ds.recordsize);
  if (rs !== undefined && (rs & (rs - 1)) !== 0) report(ctx, path.concat(['recordsize']), 'E_RANGE', `recordsize ${formatBytes(rs)} is not a power of two`);
}

interface LinkNames {
  stubs: Set<string>;
  tags: Set<string>;
  vnics: Set<string>;
}

function checkNetwork(ctx: Ctx, doc: Obj): LinkNames {
  const net = doc.network && typeof doc.network === 'object' ? (doc.network as Obj) : {};
  const stubs = Array.isArray(net.etherstubs) ? (net.etherstubs as unknown[]) : [];
  const tags = items(net.nic_tags);
  const vnics = items(net.vnics);
  const names = { stubs: new Set<string>(), tags: new Set<string>(), vnics: new Set<string>() };
  const links: Array<{ name: string | undefined; path: PathSeg[] }> = [];
  stubs.forEach((s, i) => { const n = str(s); if (n) names.stubs.add(n); links.push({ name: n, path: ['network', 'etherstubs', i] }); });
  vnics.forEach(({ o, i }) => { const n = str(o.name); if (n) names.vnics.add(n); links.push({ name: n, path: ['network', 'vnics', i, 'name'] }); });
  unique(ctx, links, 'link');
  unique(ctx, tags.map(({ o, i }) => ({ name: str(o.name), path: ['network', 'nic_tags', i, 'name'] })), 'nic tag');
  for (const { o, i } of tags) {
    const n = str(o.name);
    if (n) names.tags.add(n);
    if (o.link === undefined && o.mac === undefined) report(ctx, ['network', 'nic_tags', i], 'E_REQUIRED', 'a nic tag needs `link` or `mac` to find its NIC');
  }
  const macs: Array<{ name: string | undefined; path: PathSeg[] }> = [];
  for (const { o, i } of vnics) {
    const over = str(o.over);
    const path: PathSeg[] = ['network', 'vnics', i, 'over'];
    if (over !== undefined && !names.stubs.has(over) && !names.tags.has(over)) {
      if (names.vnics.has(over)) report(ctx, path, 'E_REF', `"${over}" is a VNIC; a VNIC sits on a physical link, an etherstub or a nic tag`);
      else {
        const problem = linkNameProblem(over);
        if (problem) {
          const s = suggest(over, [...names.stubs, ...names.tags]);
          report(ctx, path, 'E_REF', `"${over}" is neither a declared etherstub or nic tag nor a physical link name: ${problem}`, s ? `did you mean "${s}"?` : 'declare it under network.etherstubs or network.nic_tags');
        }
      }
    }
    const mac = str(o.mac);
    if (mac && mac !== 'auto' && mac !== 'random') macs.push({ name: mac.toLowerCase().split(':').map((x) => parseInt(x, 16).toString(16)).join(':'), path: ['network', 'vnics', i, 'mac'] });
  }
  unique(ctx, macs, 'MAC address');
  return names;
}

function checkZones(ctx: Ctx, doc: Obj, links: LinkNames): void {
  const zones = items(doc.zones);
  const poolNames = list(doc.pools).map((p) => str(p.name)).filter((n): n is string => !!n);
  unique(ctx, zones.map(({ o, i }) => ({ name: str(o.name), path: ['zones', i, 'name'] })), 'zone');
  unique(ctx, zones.map(({ o, i }) => ({ name: str(o.uuid) && (str(o.uuid) as string).toLowerCase(), path: ['zones', i, 'uuid'] })), 'zone uuid');
  const vnicUse: Array<{ name: string | undefined; path: PathSeg[] }> = [];
  for (const { o: z, i } of zones) {
    const zp: PathSeg[] = ['zones', i];
    const pool = str(z.pool);
    if (pool !== undefined && poolNames.indexOf(pool) < 0) report(ctx, zp.concat(['pool']), 'E_REF', `pool "${pool}" is not declared under pools`, poolNames.length ? `declared: ${poolNames.join(', ')}` : undefined);
    if (pool === undefined && poolNames.length === 0 && z.zonepath === undefined) report(ctx, zp, 'E_REF', 'a zone needs a pool for its root, and the profile declares none', 'add the pool under pools (it is imported, not created, unless create says so)');
    const nets = items(z.nets);
    for (const { o: n, i: j } of nets) {
      const phys = str(n.physical);
      if (phys === undefined) continue;
      vnicUse.push({ name: phys, path: zp.concat(['nets', j, 'physical']) });
      if (!links.vnics.has(phys)) {
        const s = suggest(phys, [...links.vnics]);
        report(ctx, zp.concat(['nets', j, 'physical']), 'E_REF', `"${phys}" is not a VNIC declared under network.vnics`, s ? `did you mean "${s}"?` : 'declare the VNIC under network.vnics');
      }
    }
    const primaries = nets.filter(({ o }) => o.primary === true);
    if (primaries.length > 1) report(ctx, zp.concat(['nets', (primaries[1] as { i: number }).i, 'primary']), 'E_DUPLICATE', 'only one net can be primary');
    checkCaps(ctx, z, zp);
    checkGuest(ctx, z, zp);
  }
  const used = new Map<string, PathSeg[]>();
  for (const u of vnicUse) {
    if (u.name === undefined) continue;
    const first = used.get(u.name);
    if (first) report(ctx, u.path, 'E_DUPLICATE', `VNIC "${u.name}" is already given to ${String(first[0])}[${String(first[1])}]; an exclusive-IP zone owns its VNIC alone`);
    else used.set(u.name, u.path);
  }
}

/** What vmadm adds to a guest's ram for the hypervisor, MiB (normalise applies the same). */
export const HVM_OVERHEAD_MIB: Record<string, number> = { kvm: 1024, bhyve: 1280 };

function checkCaps(ctx: Ctx, z: Obj, zp: PathSeg[]): void {
  const ram = size(z.ram);
  const overhead = HVM_OVERHEAD_MIB[str(z.brand) || ''];
  // A guest without an explicit cap gets ram + overhead, and swap must cover that too.
  const phys = size(z.max_physical_memory) !== undefined ? size(z.max_physical_memory) : ram !== undefined && overhead !== undefined ? ram + overhead * 1024 * 1024 : undefined;
  const swap = size(z.max_swap);
  const locked = size(z.max_locked_memory);
  if (phys !== undefined && swap !== undefined && swap < phys) {
    const implied = z.max_physical_memory === undefined;
    report(ctx, zp.concat(['max_swap']), 'E_ORDER', `max_swap ${formatBytes(swap)} is below ${implied ? `the guest's memory cap ${formatBytes(phys)} (ram + ${overhead as number}M hypervisor overhead)` : `max_physical_memory ${formatBytes(phys)}`}`, 'swap counts memory too, so it must be at least max_physical_memory');
  }
  if (phys !== undefined && locked !== undefined && locked > phys) report(ctx, zp.concat(['max_locked_memory']), 'E_ORDER', `max_locked_memory ${formatBytes(locked)} is above max_physical_memory ${formatBytes(phys)}`);
}

function checkGuest(ctx: Ctx, z: Obj, zp: PathSeg[]): void {
  const brand = str(z.brand);
  if (brand !== 'kvm' && brand !== 'bhyve') return;
  if (z.ram === undefined) report(ctx, zp, 'E_REQUIRED', `"ram" is required for a ${brand} guest`);
  const disks = items(z.disks);
  const boots = disks.filter(({ o }) => o.boot === true);
  if (boots.length > 1) report(ctx, zp.concat(['disks', (boots[1] as { i: number }).i, 'boot']), 'E_BOOT_DISK', `a guest has one boot disk; disks[${(boots[0] as { i: number }).i}] already is`);
  if (disks.length > 0 && boots.length === 0 && z.cdrom === undefined) report(ctx, zp.concat(['disks']), 'E_BOOT_DISK', 'no disk has boot: true and there is no cdrom to boot from', 'mark the system disk with boot: true');
  const models: Record<string, string[]> = { kvm: ['virtio', 'ide', 'scsi'], bhyve: ['virtio', 'ahci', 'nvme'] };
  for (const { o: d, i } of disks) {
    const m = str(d.model);
    if (m && (models[brand] as string[]).indexOf(m) < 0) report(ctx, zp.concat(['disks', i, 'model']), 'E_BRAND', `disk model "${m}" is not available on ${brand}`, `${brand} offers ${(models[brand] as string[]).join(', ')}`);
    if (d.size === undefined && d.volume === undefined) report(ctx, zp.concat(['disks', i]), 'E_REQUIRED', 'a disk needs `size` (a new zvol) or `volume` (an existing one)');
  }
  const ram = size(z.ram);
  const phys = size(z.max_physical_memory);
  if (ram !== undefined && phys !== undefined && phys < ram) report(ctx, zp.concat(['max_physical_memory']), 'E_ORDER', `max_physical_memory ${formatBytes(phys)} is below the guest's ram ${formatBytes(ram)}`, 'the cap covers guest memory plus the hypervisor\'s overhead; leave it out to get ram + overhead');
}

/** Every rule that spans keys. */
export function checkRules(ctx: Ctx, doc: Obj): void {
  checkPools(ctx, doc);
  const links = checkNetwork(ctx, doc);
  checkZones(ctx, doc, links);
}
