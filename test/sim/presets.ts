// Ready-made simulated hosts and builders to add pools, datasets, links and
// zones to a SimState (for tests and benchmarks).
import { DISK_BYTES } from './tools/zpool-create.ts';
import { finish, runCmd } from './tools/zonecfg-exec.ts';
import type { Session } from './tools/zonecfg-exec.ts';
import { ZSyntaxError, parseScript } from './tools/zonecfg-lex.ts';
import { uuidFrom } from './format.ts';
import { bootRctls } from './rctls.ts';
import type { Dataset, DatasetType, Flavour, Link, Pool, SimState, Vdev, Zone, ZoneState } from './state.ts';

export function emptyHost(flavour: Flavour = 'smartos'): SimState {
  return {
    version: 1,
    flavour,
    hostid: flavour === 'smartos' ? '2f8b1c3d' : '5e1a2b3c',
    hostname: flavour === 'smartos' ? 'cn-sim' : 'illumos-sim',
    disks: [],
    importable: [],
    pools: [],
    datasets: [],
    links: [],
    zones: [],
    kstat: {
      'zfs:0:arcstats:c': '8589934592',
      'zfs:0:arcstats:c_max': '16106127360',
      'zfs:0:arcstats:c_min': '1073741824',
      'zfs:0:arcstats:size': '4294967296',
      'unix:0:system_pages:physmem': '4194304',
      'unix:0:system_pages:pagesfree': '2097152',
      'unix:0:system_pages:pagestotal': '4194304',
    },
    bootparams: flavour === 'smartos' ? { console: 'text', smartos: 'true' } : {},
    counters: { zoneId: 1, debugId: 1, mac: 0, guid: 0, txg: 0, pid: 1000, uuid: 0 },
    knobs: { zoneBootDelayMs: 0, zoneInstallDelayMs: 0, zoneHaltDelayMs: 0 },
  };
}

export function mirror(...disks: string[]): Vdev {
  return { type: 'mirror', children: disks.map((name) => ({ type: 'disk', name })) };
}

export function raidz(parity: 1 | 2 | 3, ...disks: string[]): Vdev {
  return { type: `raidz${parity}`, children: disks.map((name) => ({ type: 'disk', name })) };
}

export function physLink(name: string, mac: string, opts: Partial<Link> = {}): Link {
  return { name, class: 'phys', mtu: 1500, state: 'up', media: 'Ethernet', speed: 1000, duplex: 'full', device: name, mac, ...opts };
}

export function addDataset(s: SimState, name: string, type: DatasetType = 'filesystem', props: Record<string, string> = {}): Dataset {
  s.counters.txg++;
  const d: Dataset = { name, type, props, createtxg: s.counters.txg };
  s.datasets.push(d);
  return d;
}

export interface PoolOpts {
  name: string;
  guid?: string;
  vdevs: Vdev[];
  logs?: Vdev[];
  cache?: string[];
  spares?: string[];
  size?: number;
  alloc?: number;
  /** importable (not imported) instead of imported */
  importable?: boolean;
  exported?: boolean;
  foreign?: Pool['foreign'];
  /** create the root dataset (default true) */
  rootDataset?: boolean;
}

export function addPool(s: SimState, o: PoolOpts): Pool {
  const p: Pool = {
    name: o.name,
    guid: o.guid ?? String(1000000000000000000 + s.datasets.length * 7919 + s.pools.length * 104729 + s.importable.length),
    state: 'ONLINE',
    size: o.size ?? o.vdevs.length * DISK_BYTES,
    alloc: o.alloc ?? 0,
    vdevs: o.vdevs,
    logs: o.logs ?? [],
    cache: o.cache ?? [],
    spares: o.spares ?? [],
  };
  if (o.exported) p.exported = true;
  if (o.foreign) p.foreign = o.foreign;
  (o.importable ? s.importable : s.pools).push(p);
  const leaves = (v: Vdev): string[] => (v.type === 'disk' ? [v.name ?? ''] : (v.children ?? []).flatMap(leaves));
  for (const d of [...p.vdevs.flatMap(leaves), ...p.logs.flatMap(leaves), ...p.cache, ...p.spares]) if (!s.disks.includes(d)) s.disks.push(d);
  if (o.rootDataset !== false) addDataset(s, o.name);
  return p;
}

export interface VnicOpts {
  name: string;
  over: string;
  mac: string;
  vid?: number;
  zone?: string;
  macType?: string;
  mtu?: number;
  maxbw?: number;
  priority?: string;
  temporary?: boolean;
  /** created inside this zone's link namespace (SmartOS) */
  nsZone?: string;
}

export function addVnic(s: SimState, o: VnicOpts): Link {
  const l: Link = { name: o.name, class: 'vnic', mtu: o.mtu ?? 1500, state: 'up', over: o.over, vid: o.vid ?? 0, mac: o.mac, macType: o.macType ?? 'fixed' };
  if (o.zone !== undefined) l.zone = o.zone;
  if (o.maxbw !== undefined) l.maxbw = o.maxbw;
  if (o.priority !== undefined) l.priority = o.priority;
  if (o.temporary) l.temporary = true;
  if (o.nsZone !== undefined) l.nsZone = o.nsZone;
  s.links.push(l);
  return l;
}

export function addEtherstub(s: SimState, name: string, mtu = 9000): Link {
  const l: Link = { name, class: 'etherstub', mtu, state: 'unknown' };
  s.links.push(l);
  return l;
}

/** Configure a zone with zonecfg command text, exactly as `zonecfg -z name -f file` would. */
export function configureZone(s: SimState, name: string, text: string): Zone {
  const se: Session = { s, name, dirty: false, done: false, out: () => undefined };
  for (const c of parseScript(text)) {
    if (c instanceof ZSyntaxError) throw new Error(`zonecfg syntax error on line ${c.line}`);
    const e = runCmd(se, c);
    if (e) throw new Error(`zonecfg ${name}: ${e}`);
  }
  const e = finish(se);
  if (e) throw new Error(`zonecfg ${name}: ${e}`);
  const z = s.zones.find((x) => x.name === se.name);
  if (!z) throw new Error(`zonecfg ${name}: not created`);
  return z;
}

export interface ZoneOpts {
  name: string;
  brand?: string;
  zonepath?: string;
  state?: ZoneState;
  uuid?: string;
  ipType?: 'exclusive' | 'shared';
  /** extra zonecfg commands after create/zonepath/brand */
  zonecfg?: string;
  id?: number;
  debugid?: number;
  usage?: Record<string, string>;
}

/** Add a zone in any state; ready/running zones get an id, running ones their live rctls. */
export function addZone(s: SimState, o: ZoneOpts): Zone {
  const lines = [
    'create -b',
    `set zonepath=${o.zonepath ?? `/zones/${o.name}`}`,
    `set brand=${o.brand ?? (s.flavour === 'smartos' ? 'joyent' : 'sparse')}`,
    `set ip-type=${o.ipType ?? 'exclusive'}`,
  ];
  if (o.uuid) lines.push(`set uuid=${o.uuid}`);
  const z = configureZone(s, o.name, `${lines.join('\n')}\n${o.zonecfg ?? ''}\n`);
  if (o.debugid !== undefined) z.debugid = o.debugid;
  setZoneState(s, z, o.state ?? 'configured', o.id);
  if (o.usage) z.usage = o.usage;
  return z;
}

export function setZoneState(s: SimState, z: Zone, state: ZoneState, id?: number): void {
  z.state = state;
  if (state !== 'configured' && !z.config.uuid) z.config.uuid = s.knobs.uuids?.shift() ?? uuidFrom(++s.counters.uuid);
  if (state === 'ready' || state === 'running' || state === 'shutting_down' || state === 'down') {
    z.id = id ?? s.counters.zoneId++;
    if (id !== undefined && id >= s.counters.zoneId) s.counters.zoneId = id + 1;
  } else delete z.id;
  if (state === 'running') {
    z.live = bootRctls(z);
    s.counters.pid += 7;
    z.pid = s.counters.pid;
  } else {
    delete z.live;
    delete z.pid;
  }
}

/** A SmartOS host like host-a but small: pool `zones` importable (mirror + spare), two NICs. */
export function freshSmartosHost(): SimState {
  const s = emptyHost('smartos');
  s.hostname = 'cn-fresh';
  s.links.push(physLink('e1000g0', '0:c:29:5d:1a:10'), physLink('e1000g1', '0:c:29:5d:1a:11'));
  s.bootparams['admin_nic'] = '0:c:29:5d:1a:10';
  s.bootparams['external_nic'] = '0:c:29:5d:1a:11';
  addPool(s, { name: 'zones', guid: '7390318372873224467', vdevs: [mirror('c1t0d0', 'c1t1d0')], spares: ['c1t2d0'], importable: true, rootDataset: false });
  smartosSystemDatasets(s, 'zones');
  s.disks.push('c1t3d0');
  return s;
}

/** The datasets the SmartOS installer creates on the system pool. */
export function smartosSystemDatasets(s: SimState, pool: string): void {
  addDataset(s, pool);
  addDataset(s, `${pool}/archive`);
  addDataset(s, `${pool}/config`, 'filesystem', { mountpoint: 'legacy' });
  addDataset(s, `${pool}/cores`, 'filesystem', { mountpoint: 'none', compression: 'lz4' });
  addDataset(s, `${pool}/cores/global`, 'filesystem', { mountpoint: `/${pool}/global/cores`, quota: String(10 * 2 ** 30) });
  addDataset(s, `${pool}/dump`, 'volume', { volsize: String(4 * 2 ** 30), volblocksize: '131072' });
  addDataset(s, `${pool}/opt`, 'filesystem', { mountpoint: 'legacy' });
  addDataset(s, `${pool}/swap`, 'volume', { volsize: String(64 * 2 ** 30), refreservation: String(64 * 2 ** 30) });
  addDataset(s, `${pool}/usbkey`, 'filesystem', { mountpoint: 'legacy' });
  addDataset(s, `${pool}/var`, 'filesystem', { mountpoint: 'legacy' });
}

/** A host with `n` running zones (`z1`..`zn`), each with a GZ VNIC, for benchmarks. */
export function hostWithRunningZones(n: number, flavour: Flavour = 'illumos'): SimState {
  const s = emptyHost(flavour);
  s.links.push(physLink('e1000g0', '0:c:29:5d:1a:10'));
  addPool(s, { name: 'zones', vdevs: [mirror('c1t0d0', 'c1t1d0')] });
  for (let i = 1; i <= n; i++) {
    addVnic(s, { name: `z${i}_0`, over: 'e1000g0', mac: `2:8:20:0:${(i >> 8) & 0xff}:${(i & 0xff).toString(16)}`, macType: 'random' });
    addDataset(s, `zones/z${i}`);
    addZone(s, {
      name: `z${i}`,
      brand: flavour === 'smartos' ? 'joyent' : 'sparse',
      state: 'running',
      zonecfg: `add net; set physical=z${i}_0; end\nadd capped-memory; set physical=512m; end`,
    });
    const z = s.zones[s.zones.length - 1];
    if (z) z.dataset = `zones/z${i}`;
    const l = s.links.find((x) => x.name === `z${i}_0`);
    if (l) l.zone = `z${i}`;
  }
  return s;
}
