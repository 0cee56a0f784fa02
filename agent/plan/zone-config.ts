// The zone configuration a profile zone should have, and the changes that
// take a stored configuration there. Pure data; the platform renders it.
import type { ZoneConfig } from '../host/facts.ts';
import { CAPS } from '../profile/v1/caps.ts';
import type { Zone } from '../profile/v1/types.ts';

export interface NetSpec {
  physical: string;
  allowedAddress?: string;
  defrouter?: string;
  /** net properties (primary, model) */
  properties: Record<string, string>;
}

export interface DeviceSpec {
  match: string;
  properties: Record<string, string>;
}

export interface RctlSpec {
  name: string;
  /** base units */
  limit: number;
  action: string;
}

export interface DesiredZoneConfig {
  zone: string;
  brand: string;
  zonepath: string;
  autoboot: boolean;
  uuid?: string;
  nets: NetSpec[];
  devices: DeviceSpec[];
  rctls: RctlSpec[];
  attrs: Record<string, string>;
}

export type ZoneConfigChange =
  | { kind: 'setAutoboot'; value: boolean }
  | { kind: 'addNet'; net: NetSpec }
  | { kind: 'replaceNet'; net: NetSpec }
  | { kind: 'addDevice'; device: DeviceSpec }
  | { kind: 'replaceDevice'; device: DeviceSpec }
  | { kind: 'setRctl'; rctl: RctlSpec; existed: boolean }
  | { kind: 'setAttr'; name: string; value: string; existed: boolean };

const MIB = 1024 * 1024;

/** The zvol backing a guest disk: `<pool>/<zone>-disk<N>`. */
export function guestDiskName(zone: Zone, index: number): string {
  const d = zone.guest && zone.guest.disks[index];
  return d && d.volume ? `${zone.pool}/${d.volume}` : `${zone.pool}/${zone.name}-disk${index}`;
}

/** The rctls a zone's caps become, in CAPS order. */
export function zoneRctls(zone: Zone): RctlSpec[] {
  const out: RctlSpec[] = [];
  for (const c of CAPS) {
    const v = zone.caps[c.name];
    if (v !== undefined) out.push({ name: c.rctl, limit: v, action: c.action });
  }
  return out;
}

/**
 * The configuration a zone should have. Net `property` entries (primary,
 * model) are read by the kvm/bhyve brands and by SmartOS; an OS zone on
 * vanilla illumos gets none (its zonecfg DTD has no net attributes) [UNCERTAIN
 * per distribution].
 */
export function desiredZoneConfig(zone: Zone, flavour: 'smartos' | 'illumos' = 'smartos'): DesiredZoneConfig {
  const nets: NetSpec[] = zone.nets.map((n) => {
    const properties: Record<string, string> = {};
    if (flavour === 'smartos' || zone.guest) {
      if (n.primary) properties.primary = 'true';
      if (n.model) properties.model = n.model;
    }
    const spec: NetSpec = { physical: n.physical, properties };
    if (n.allowed_address) spec.allowedAddress = n.allowed_address;
    if (n.defrouter) spec.defrouter = n.defrouter;
    return spec;
  });
  const attrs: Record<string, string> = {};
  const devices: DeviceSpec[] = [];
  if (zone.hostname) attrs.hostname = zone.hostname;
  if (zone.resolvers.length) attrs.resolvers = zone.resolvers.join(',');
  if (zone.guest) {
    const g = zone.guest;
    attrs.ram = String(Math.round(g.ram / MIB));
    attrs.vcpus = String(g.vcpus);
    if (g.bootrom) attrs.bootrom = g.bootrom;
    if (g.cdrom) attrs.cdrom = g.cdrom;
    if (g.vnc_port !== undefined) attrs['vnc-port'] = String(g.vnc_port);
    // KVM guests are started by their autoboot attr, not zonecfg autoboot.
    if (zone.brand === 'kvm') attrs['vm-autoboot'] = String(zone.autoboot);
    g.disks.forEach((d, i) => {
      const properties: Record<string, string> = { boot: String(d.boot), media: d.media };
      if (d.model) properties.model = d.model;
      devices.push({ match: `/dev/zvol/rdsk/${guestDiskName(zone, i)}`, properties });
    });
  }
  const out: DesiredZoneConfig = {
    zone: zone.name,
    brand: zone.brand,
    zonepath: zone.zonepath,
    autoboot: zone.brand === 'kvm' ? false : zone.autoboot,
    nets,
    devices,
    rctls: zoneRctls(zone),
    attrs,
  };
  if (zone.uuid) out.uuid = zone.uuid;
  return out;
}

function sameProps(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/**
 * What to change so `have` matches `want`. Only what the profile names is
 * managed: nets, devices, rctls and attrs it does not mention are left alone.
 */
export function diffZoneConfig(want: DesiredZoneConfig, have: ZoneConfig): ZoneConfigChange[] {
  const changes: ZoneConfigChange[] = [];
  if (want.autoboot !== have.autoboot) changes.push({ kind: 'setAutoboot', value: want.autoboot });
  for (const net of want.nets) {
    const cur = have.nets.filter((n) => n.physical === net.physical)[0];
    if (!cur) changes.push({ kind: 'addNet', net });
    else if ((cur.allowedAddress || undefined) !== net.allowedAddress || (cur.defrouter || undefined) !== net.defrouter || !sameProps(cur.properties, net.properties)) changes.push({ kind: 'replaceNet', net });
  }
  for (const dev of want.devices) {
    const cur = have.devices.filter((d) => d.match === dev.match)[0];
    if (!cur) changes.push({ kind: 'addDevice', device: dev });
    else if (!sameProps(cur.properties, dev.properties)) changes.push({ kind: 'replaceDevice', device: dev });
  }
  for (const r of want.rctls) {
    const vals = have.rctls[r.name];
    const priv = vals ? vals.filter((v) => v.priv === 'privileged')[0] : undefined;
    if (!priv || Number(priv.limit) !== r.limit || priv.action !== r.action) changes.push({ kind: 'setRctl', rctl: r, existed: !!vals });
  }
  for (const name of Object.keys(want.attrs).sort()) {
    const cur = have.attrs[name];
    if (!cur || cur.value !== want.attrs[name]) changes.push({ kind: 'setAttr', name, value: want.attrs[name] as string, existed: !!cur });
  }
  return changes;
}
