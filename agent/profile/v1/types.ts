// The normalised kiln/v1 profile: what the planner sees after validation.
// Sizes are bytes, bandwidth bits per second, durations milliseconds, MACs
// lower-case without leading zeros (the way dladm prints them).

export const API_VERSION = 'kiln/v1';
export const KIND = 'Host';

export type VdevType = 'stripe' | 'mirror' | 'raidz' | 'raidz2' | 'raidz3';

export interface Vdev {
  type: VdevType;
  disks: string[];
}

export interface PoolCreate {
  vdevs: Vdev[];
  /** Separate intent log vdevs: stripe or mirror only. */
  log: Vdev[];
  cache: string[];
  spares: string[];
  /** zpool create -o */
  properties: Record<string, string>;
  /** zpool create -O */
  filesystem_properties: Record<string, string>;
}

export interface Volume {
  /** bytes */
  size: number;
  sparse: boolean;
  /** bytes, or undefined for the zfs default */
  blocksize?: number;
}

export interface Dataset {
  /** Relative to the pool: `data` becomes `zones/data`. */
  name: string;
  /** bytes */
  quota?: number;
  /** bytes */
  reservation?: number;
  compression?: string;
  /** bytes */
  recordsize?: number;
  mountpoint?: string;
  volume?: Volume;
  /** Other zfs properties, passed through as given. */
  properties: Record<string, string>;
}

export interface Pool {
  name: string;
  force: boolean;
  /** The pool kiln keeps its own state on (last good profile, reports). */
  system: boolean;
  create?: PoolCreate;
  datasets: Dataset[];
}

export type ArcPolicy =
  | { mode: 'fixed'; /** bytes */ max: number }
  | { mode: 'provisioner'; /** bytes */ os_reserve: number; /** percent of RAM */ min_percent: number };

export interface NicTag {
  name: string;
  /** The physical link chosen by name... */
  link?: string;
  /** ...or by its MAC address, so a renamed NIC still matches. */
  mac?: string;
}

export type MacPolicy = { kind: 'auto' } | { kind: 'random' } | { kind: 'fixed'; address: string };

export interface Vnic {
  name: string;
  /** A physical link, an etherstub or a nic tag, as written. */
  over: string;
  vlan_id?: number;
  mac: MacPolicy;
  /** bits per second */
  maxbw?: number;
  priority?: 'high' | 'medium' | 'low';
  mtu?: number;
}

export interface Network {
  nic_tags: NicTag[];
  etherstubs: string[];
  vnics: Vnic[];
}

export const OS_BRANDS = ['joyent', 'joyent-minimal', 'lx', 'sparse', 'ipkg', 'lipkg', 'pkgsrc'] as const;
export const HVM_BRANDS = ['kvm', 'bhyve'] as const;
export type OsBrand = (typeof OS_BRANDS)[number];
export type HvmBrand = (typeof HVM_BRANDS)[number];
export type Brand = OsBrand | HvmBrand;

export interface ZoneNet {
  /** The VNIC the zone gets. */
  physical: string;
  allowed_address?: string;
  defrouter?: string;
  primary: boolean;
  /** kvm/bhyve NIC model */
  model?: string;
}

export interface GuestDisk {
  /** bytes */
  size?: number;
  boot: boolean;
  model?: string;
  media: 'disk' | 'cdrom';
  /** An existing zvol (relative to the zone's pool) instead of a new one. */
  volume?: string;
}

export interface Caps {
  /** bytes */
  max_physical_memory?: number;
  /** bytes */
  max_swap?: number;
  /** bytes */
  max_locked_memory?: number;
  /** percent of one CPU */
  cpu_cap?: number;
  cpu_shares?: number;
  zfs_io_priority?: number;
  max_lwps?: number;
  /** bytes, the zone dataset's quota */
  quota?: number;
}

export interface Guest {
  /** bytes */
  ram: number;
  vcpus: number;
  disks: GuestDisk[];
  /** Path of an ISO image attached as a CD-ROM. */
  cdrom?: string;
  bootrom?: string;
  /** VNC port; 0 picks one, undefined disables the console. */
  vnc_port?: number;
}

export interface Zone {
  name: string;
  brand: Brand;
  autoboot: boolean;
  /** The pool the zone's root lives on. */
  pool: string;
  zonepath: string;
  uuid?: string;
  image_uuid?: string;
  hostname?: string;
  resolvers: string[];
  nets: ZoneNet[];
  caps: Caps;
  /** Present exactly when brand is kvm or bhyve. */
  guest?: Guest;
}

export interface BootTimeouts {
  /** Per host command, ms. */
  command: number;
  /** Per zone boot, ms. */
  zone_boot: number;
  /** Whole run, ms. */
  total: number;
  /** report_url POST, ms. */
  report: number;
}

export interface Boot {
  /** Boot no zone if anything before it failed. */
  strict: boolean;
  concurrency: number;
  timeouts: BootTimeouts;
  report_url?: string;
}

export interface FileEntry {
  path: string;
  /** e.g. 0o644 */
  mode: number;
  owner: string;
  group: string;
  content?: string;
  source?: string;
}

export interface Profile {
  apiVersion: typeof API_VERSION;
  kind: typeof KIND;
  metadata: { name: string; description?: string; labels: Record<string, string> };
  boot: Boot;
  pools: Pool[];
  arc?: ArcPolicy;
  network: Network;
  zones: Zone[];
  files: FileEntry[];
}
