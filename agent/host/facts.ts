// What observe learns about the host: plain data built from a fixed set of
// listing commands, the planner's only view of the world.

export interface ImportablePool {
  name: string;
  /** decimal guid, as `zpool import` prints it */
  id: string;
  /** ONLINE, DEGRADED, FAULTED, UNAVAIL... */
  state: string;
  /** Last accessed by another system: importing needs -f. */
  foreign: boolean;
  /** `action:` says the pool cannot be imported. */
  importable: boolean;
  /** Leaf device names of every vdev, cache, spare and log device. */
  disks: string[];
}

export interface ImportedPool {
  name: string;
  /** bytes */
  size: number;
  health: string;
  guid: string;
  /** Leaf device names, from `zpool status`. */
  disks: string[];
}

export interface DatasetFact {
  /** full name, `zones/data` */
  name: string;
  type: 'filesystem' | 'volume' | 'snapshot';
  /** bytes; volumes only */
  volsize?: number;
  /** bytes; 0 = none */
  quota?: number;
  /** bytes; 0 = none */
  reservation?: number;
  compression?: string;
  /** bytes */
  recordsize?: number;
  /** a path, `legacy`, `none`, or undefined for volumes */
  mountpoint?: string;
}

export interface PhysLinkFact {
  link: string;
  media: string;
  /** up, down, unknown */
  state: string;
  device: string;
  /** Factory/primary MAC addresses, normalised like dladm prints them. */
  macs: string[];
}

export interface VnicFact {
  link: string;
  over: string;
  /** 0 = no VLAN */
  vid: number;
  /** normalised: lower-case, no leading zeros */
  mac: string;
  /** owning zone, undefined when `--` */
  zone?: string;
  /** bits per second; undefined when unset */
  maxbw?: number;
  priority?: string;
}

export interface RctlValue {
  priv: string;
  limit: string;
  action: string;
}

export interface ZoneNetConfig {
  physical: string;
  address?: string;
  allowedAddress?: string;
  defrouter?: string;
  globalNic?: string;
  macAddr?: string;
  vlanId?: string;
  properties: Record<string, string>;
}

export interface ZoneDeviceConfig {
  match: string;
  properties: Record<string, string>;
}

/** A zone's stored configuration (/etc/zones/<zone>.xml). */
export interface ZoneConfig {
  name: string;
  zonepath: string;
  autoboot: boolean;
  brand: string;
  ipType: string;
  limitpriv?: string;
  nets: ZoneNetConfig[];
  devices: ZoneDeviceConfig[];
  /** rctl name → its values */
  rctls: Record<string, RctlValue[]>;
  /** attr name → value */
  attrs: Record<string, { type: string; value: string }>;
  datasets: string[];
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

export interface ZoneFact {
  /** undefined unless ready or running */
  id?: number;
  name: string;
  state: ZoneState;
  zonepath: string;
  uuid: string;
  brand: string;
  /** `shared` or `excl` */
  ipType: string;
  config?: ZoneConfig;
}

/** Live privileged rctl values of one running zone: rctl name → value in base units. */
export type LiveRctls = Record<string, number | undefined>;

export interface ArcFacts {
  /** bytes */
  c_max?: number;
  /** bytes */
  size?: number;
  /** bytes of physical memory */
  physmem?: number;
}

export interface Facts {
  flavour: 'smartos' | 'illumos';
  importable: ImportablePool[];
  pools: ImportedPool[];
  datasets: DatasetFact[];
  phys: PhysLinkFact[];
  etherstubs: string[];
  vnics: VnicFact[];
  /** every zone but global */
  zones: ZoneFact[];
  /** running zone name → live privileged rctls */
  rctls: Record<string, LiveRctls>;
  arc: ArcFacts;
  /** Observation commands that failed: the planner treats their facts as unknown. */
  errors: string[];
}
