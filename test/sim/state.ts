// The whole simulated illumos host as one plain, JSON-able object
// ($KILN_SIM_STATE/state.json). Every tool reads and rewrites it under a lock.

export type Flavour = 'smartos' | 'illumos';

export type VdevType = 'disk' | 'mirror' | 'raidz1' | 'raidz2' | 'raidz3';

/** One node of a pool's vdev tree; leaves are disks (shorthand names like c1t0d0). */
export interface Vdev {
  type: VdevType;
  /** leaf device name; top-level groups are named `<type>-<id>` when printed */
  name?: string;
  /** ONLINE when absent */
  state?: string;
  /** aux text printed after the state, e.g. `cannot open` */
  aux?: string;
  /** READ WRITE CKSUM counters for `zpool status` (0 when absent) */
  errors?: [number, number, number];
  children?: Vdev[];
}

export interface ForeignHost {
  /** hex, as `%lx` prints it */
  hostid: string;
  hostname: string;
  /** ctime(3C) text without the newline: `Tue Mar  5 10:22:31 2024` */
  time: string;
}

export interface Pool {
  name: string;
  /** decimal guid */
  guid: string;
  /** health: ONLINE, DEGRADED, FAULTED, UNAVAIL... */
  state: string;
  /** bytes */
  size: number;
  /** bytes */
  alloc: number;
  vdevs: Vdev[];
  logs: Vdev[];
  cache: string[];
  spares: string[];
  /** spares currently in use (printed INUSE) */
  sparesInUse?: string[];
  altroot?: string;
  /** importable pools only: cleanly exported (disks read "exported") */
  exported?: boolean;
  /** importable pools only: last accessed by another system */
  foreign?: ForeignHost;
  /** extra `status:`/`action:`/`see:` text for `zpool status` of an unhealthy pool */
  statusText?: string;
  actionText?: string;
  see?: string;
  /** `scan:` text; `none requested` when absent */
  scan?: string;
}

export type DatasetType = 'filesystem' | 'volume' | 'snapshot';

export interface Dataset {
  name: string;
  type: DatasetType;
  /** locally set properties, values in base units (`quota` → "10737418240") */
  props: Record<string, string>;
  /** creation order (snapshots of one dataset list in this order) */
  createtxg: number;
}

export type LinkClass = 'phys' | 'etherstub' | 'vnic';

export interface Link {
  name: string;
  class: LinkClass;
  mtu: number;
  /** up, down, unknown */
  state: string;
  // phys
  media?: string;
  /** Mb/s */
  speed?: number;
  duplex?: string;
  device?: string;
  /** primary (factory) MAC, printed form `0:1b:21:9c:4e:10` */
  mac?: string;
  // vnic
  over?: string;
  vid?: number;
  /** fixed, random, `factory, slot N` */
  macType?: string;
  /** owning zone (ZONE column); GZ when absent */
  zone?: string;
  /** the link's name lives in this zone's namespace (SmartOS brand-created VNICs) */
  nsZone?: string;
  /** bits per second */
  maxbw?: number;
  /** high, medium, low (high when absent) */
  priority?: string;
  temporary?: boolean;
}

export interface RctlValue {
  priv: string;
  /** decimal, base units */
  limit: string;
  action: string;
}

export interface Rctl {
  name: string;
  values: RctlValue[];
}

export interface NameValue {
  name: string;
  value: string;
}

export interface NetRes {
  physical?: string;
  address?: string;
  allowedAddress?: string;
  defrouter?: string;
  globalNic?: string;
  macAddr?: string;
  vlanId?: string;
  properties: NameValue[];
}

export interface DeviceRes {
  match?: string;
  properties: NameValue[];
}

export interface AttrRes {
  name?: string;
  type?: string;
  value?: string;
}

export interface FsRes {
  dir?: string;
  special?: string;
  raw?: string;
  type?: string;
  options: string[];
}

export interface ZoneConfig {
  zonepath?: string;
  brand: string;
  autoboot: boolean;
  ipType: 'shared' | 'exclusive';
  limitpriv?: string;
  bootargs?: string;
  pool?: string;
  schedulingClass?: string;
  hostid?: string;
  fsAllowed?: string;
  /** illumos-joyent `set uuid`; otherwise assigned at install */
  uuid?: string;
  nets: NetRes[];
  devices: DeviceRes[];
  /** capped-memory, capped-cpu and the global shortcuts live here too */
  rctls: Rctl[];
  attrs: AttrRes[];
  datasets: string[];
  fs: FsRes[];
}

export type ZoneState =
  | 'configured'
  | 'incomplete'
  | 'installed'
  | 'ready'
  | 'running'
  | 'shutting_down'
  | 'down'
  | 'mounted';

export interface Zone {
  name: string;
  state: ZoneState;
  config: ZoneConfig;
  /** kernel zone id while ready/running/shutting_down/down */
  id?: number;
  /** assigned at the first commit */
  debugid?: number;
  /** live privileged rctl values (running zones), rctl name → values */
  live?: Record<string, RctlValue[]>;
  /** reported `usage` per rctl (0 when absent) */
  usage?: Record<string, string>;
  /** pid of the zone's init while running (prctl error lines) */
  pid?: number;
  /** dataset `zoneadm install` created (destroyed by uninstall) */
  dataset?: string;
}

export interface Knobs {
  /** every `zoneadm boot` takes this long (lock released while waiting) */
  zoneBootDelayMs: number;
  /** `zoneadm install` stays `incomplete` this long */
  zoneInstallDelayMs: number;
  /** `zoneadm halt` passes shutting_down and down within this time */
  zoneHaltDelayMs: number;
  /** uuids handed out (in order) before generated ones, for reproducible fixtures */
  uuids?: string[];
}

export interface Counters {
  zoneId: number;
  debugId: number;
  mac: number;
  guid: number;
  txg: number;
  pid: number;
  uuid: number;
}

export interface SimState {
  version: 1;
  flavour: Flavour;
  /** hex without 0x */
  hostid: string;
  hostname: string;
  /** global zone brand as zoneadm prints it; flavour default when absent */
  globalBrand?: string;
  /** devices present in /dev/dsk (shorthand names) */
  disks: string[];
  /** pools `zpool import` can see (not imported) */
  importable: Pool[];
  /** imported pools */
  pools: Pool[];
  /** datasets of imported and importable pools (only imported ones are visible) */
  datasets: Dataset[];
  /** datalinks in link-id order */
  links: Link[];
  /** zones in /etc/zones/index order (global excluded) */
  zones: Zone[];
  /** `module:instance:name:statistic` → value */
  kstat: Record<string, string>;
  bootparams: Record<string, string>;
  counters: Counters;
  knobs: Knobs;
}

export interface Invocation {
  argv: string[];
  stdin: string | null;
  code: number | null;
  mutating: boolean;
}

export interface Fault {
  /** argv prefix ([tool, ...args]); "*" matches any one argument */
  match: string[];
  action: 'fail' | 'hang' | 'garbage';
  stderr?: string;
  code?: number;
  /** remaining hits; removed when it reaches 0 (forever when absent) */
  times?: number;
}

export function blankConfig(): ZoneConfig {
  return { brand: 'sparse', autoboot: false, ipType: 'exclusive', nets: [], devices: [], rctls: [], attrs: [], datasets: [], fs: [] };
}
