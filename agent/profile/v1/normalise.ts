// Turn a document that passed validation into the typed, canonical Profile:
// defaults applied, sizes in bytes, MACs in dladm form, one name per object.
import { normaliseMac } from '../names.ts';
import { parseBandwidth, parseDuration, parseSize } from '../units.ts';
import { CAPS } from './caps.ts';
import { HVM_OVERHEAD_MIB } from './rules.ts';
import type { Caps, Dataset, FileEntry, Guest, GuestDisk, MacPolicy, Pool, PoolCreate, Profile, Vdev, VdevType, Vnic, Zone, ZoneNet } from './types.ts';

type Obj = Record<string, unknown>;
const MIB = 1024 * 1024;

const objs = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const bytes = (v: unknown): number | undefined => { if (v === undefined) return undefined; const p = parseSize(v); return p.ok ? p.value : undefined; };
const ms = (v: unknown, dflt: string): number => { const p = parseDuration(v === undefined ? dflt : v); return p.ok ? p.value : 0; };
const propMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  const o = obj(v);
  for (const k of Object.keys(o).sort()) out[k] = typeof o[k] === 'boolean' ? (o[k] ? 'on' : 'off') : String(o[k]);
  return out;
};

function vdevs(v: unknown): Vdev[] {
  return objs(v).map((x) => ({ type: ((x.type as string) || 'stripe') as VdevType, disks: strs(x.disks) }));
}

function pool(p: Obj, system: boolean): Pool {
  const out: Pool = { name: p.name as string, force: p.force === true, system, datasets: objs(p.datasets).map(dataset) };
  if (p.create) {
    const c = obj(p.create);
    const create: PoolCreate = { vdevs: vdevs(c.vdevs), log: vdevs(c.log), cache: strs(c.cache), spares: strs(c.spares), properties: propMap(c.properties), filesystem_properties: propMap(c.filesystem_properties) };
    out.create = create;
  }
  return out;
}

function dataset(d: Obj): Dataset {
  const out: Dataset = { name: d.name as string, properties: propMap(d.properties) };
  const q = bytes(d.quota);
  const r = bytes(d.reservation);
  const rs = bytes(d.recordsize);
  if (q !== undefined) out.quota = q;
  if (r !== undefined) out.reservation = r;
  if (rs !== undefined) out.recordsize = rs;
  if (typeof d.compression === 'string') out.compression = d.compression;
  if (typeof d.mountpoint === 'string') out.mountpoint = d.mountpoint;
  if (d.volume) {
    const v = obj(d.volume);
    out.volume = { size: bytes(v.size) as number, sparse: v.sparse === true };
    const bs = bytes(v.blocksize);
    if (bs !== undefined) out.volume.blocksize = bs;
  }
  return out;
}

function mac(v: unknown): MacPolicy {
  if (v === undefined || v === 'auto') return { kind: 'auto' };
  if (v === 'random') return { kind: 'random' };
  return { kind: 'fixed', address: normaliseMac(v as string) };
}

function vnic(v: Obj): Vnic {
  const out: Vnic = { name: v.name as string, over: v.over as string, mac: mac(v.mac) };
  if (typeof v.vlan_id === 'number') out.vlan_id = v.vlan_id;
  if (v.maxbw !== undefined) { const b = parseBandwidth(v.maxbw); if (b.ok) out.maxbw = b.value; }
  if (typeof v.priority === 'string') out.priority = v.priority as Vnic['priority'];
  if (typeof v.mtu === 'number') out.mtu = v.mtu;
  return out;
}

function guest(z: Obj): Guest {
  const disks: GuestDisk[] = objs(z.disks).map((d) => {
    const g: GuestDisk = { boot: d.boot === true, media: (d.media as 'disk' | 'cdrom') || 'disk' };
    const s = bytes(d.size);
    if (s !== undefined) g.size = s;
    if (typeof d.model === 'string') g.model = d.model;
    if (typeof d.volume === 'string') g.volume = d.volume;
    return g;
  });
  const out: Guest = { ram: bytes(z.ram) as number, vcpus: typeof z.vcpus === 'number' ? z.vcpus : 1, disks };
  if (typeof z.cdrom === 'string') out.cdrom = z.cdrom;
  if (typeof z.bootrom === 'string') out.bootrom = z.bootrom;
  if (z.vnc === true) out.vnc_port = 0;
  else if (typeof z.vnc === 'number') out.vnc_port = z.vnc;
  return out;
}

function zone(z: Obj, systemPool: string): Zone {
  const pool = typeof z.pool === 'string' ? z.pool : systemPool;
  const name = z.name as string;
  const nets: ZoneNet[] = objs(z.nets).map((n) => {
    const out: ZoneNet = { physical: n.physical as string, primary: n.primary === true };
    if (typeof n.allowed_address === 'string') out.allowed_address = n.allowed_address;
    if (typeof n.defrouter === 'string') out.defrouter = n.defrouter;
    if (typeof n.model === 'string') out.model = n.model;
    return out;
  });
  if (nets.length > 0 && !nets.some((n) => n.primary)) (nets[0] as ZoneNet).primary = true;
  const caps: Caps = {};
  for (const c of CAPS) {
    const v = z[c.name];
    if (v === undefined) continue;
    caps[c.name] = c.unit === 'bytes' ? (bytes(v) as number) : (v as number);
  }
  const q = bytes(z.quota);
  if (q !== undefined) caps.quota = q;
  const out: Zone = {
    name,
    brand: z.brand as Zone['brand'],
    autoboot: z.autoboot !== false,
    pool,
    zonepath: typeof z.zonepath === 'string' ? z.zonepath : `/${pool}/${name}`,
    resolvers: strs(z.resolvers),
    nets,
    caps,
  };
  if (typeof z.uuid === 'string') out.uuid = z.uuid.toLowerCase();
  if (typeof z.image_uuid === 'string') out.image_uuid = z.image_uuid.toLowerCase();
  if (typeof z.hostname === 'string') out.hostname = z.hostname;
  if (z.brand === 'kvm' || z.brand === 'bhyve') {
    out.guest = guest(z);
    if (caps.max_physical_memory === undefined) caps.max_physical_memory = out.guest.ram + (HVM_OVERHEAD_MIB[z.brand] as number) * MIB;
  }
  return out;
}

function file(f: Obj): FileEntry {
  const out: FileEntry = { path: f.path as string, mode: parseInt(typeof f.mode === 'string' ? f.mode : '0644', 8), owner: (f.owner as string) || 'root', group: (f.group as string) || 'root' };
  if (typeof f.content === 'string') out.content = f.content;
  if (typeof f.source === 'string') out.source = f.source;
  return out;
}

/** The system pool: the one marked system, else `zones`, else the first. */
export function systemPoolName(pools: Obj[]): string | undefined {
  const marked = pools.filter((p) => p.system === true)[0];
  if (marked) return marked.name as string;
  if (pools.some((p) => p.name === 'zones')) return 'zones';
  return pools[0] ? (pools[0].name as string) : undefined;
}

/** Build the canonical Profile from a valid document. */
export function normalise(doc: Obj): Profile {
  const pools = objs(doc.pools);
  const system = systemPoolName(pools);
  const meta = obj(doc.metadata);
  const boot = obj(doc.boot);
  const t = obj(boot.timeouts);
  const net = obj(doc.network);
  const profile: Profile = {
    apiVersion: 'kiln/v1',
    kind: 'Host',
    metadata: { name: meta.name as string, labels: propMap(meta.labels) },
    boot: {
      strict: boot.strict === true,
      concurrency: typeof boot.concurrency === 'number' ? boot.concurrency : 4,
      timeouts: { command: ms(t.command, '60s'), zone_boot: ms(t.zone_boot, '5m'), total: ms(t.total, '30m'), report: ms(t.report, '10s') },
    },
    pools: pools.map((p) => pool(p, p.name === system)),
    network: {
      nic_tags: objs(net.nic_tags).map((n) => {
        const tag: { name: string; link?: string; mac?: string } = { name: n.name as string };
        if (typeof n.link === 'string') tag.link = n.link;
        if (typeof n.mac === 'string') tag.mac = normaliseMac(n.mac);
        return tag;
      }),
      etherstubs: strs(net.etherstubs),
      vnics: objs(net.vnics).map(vnic),
    },
    zones: objs(doc.zones).map((z) => zone(z, system || 'zones')),
    files: objs(doc.files).map(file),
  };
  if (typeof meta.description === 'string') profile.metadata.description = meta.description;
  if (typeof boot.report_url === 'string') profile.boot.report_url = boot.report_url;
  if (doc.arc) {
    const a = obj(doc.arc);
    if (a.max !== undefined) profile.arc = { mode: 'fixed', max: bytes(a.max) as number };
    else profile.arc = { mode: 'provisioner', os_reserve: bytes(a.os_reserve) || 0, min_percent: typeof a.min_percent === 'number' ? a.min_percent : 20 };
  }
  return profile;
}
