// The fixed set of listing commands observe runs, whatever the size of the
// host: one per kind of object, never one per pool, link or zone.
import { ZFS_LIST_FIELDS } from './parse/zfs-list.ts';

/** argv of every listing; prctl is the only one that takes operands (see prctlArgv). */
export const LISTINGS = {
  zpoolImport: ['zpool', 'import'],
  zpoolList: ['zpool', 'list', '-H', '-p', '-o', 'name,size,health,guid'],
  zpoolStatus: ['zpool', 'status'],
  zfsList: ['zfs', 'list', '-H', '-p', '-o', ZFS_LIST_FIELDS.join(','), '-t', 'filesystem,volume'],
  showPhys: ['dladm', 'show-phys', '-p', '-o', 'link,media,state,device'],
  showPhysMacs: ['dladm', 'show-phys', '-m', '-p', '-o', 'link,address'],
  showEtherstub: ['dladm', 'show-etherstub', '-p'],
  showVnic: ['dladm', 'show-vnic', '-p', '-o', 'link,over,vid,macaddress,zone'],
  showLinkprop: ['dladm', 'show-linkprop', '-c', '-o', 'link,property,value', '-p', 'maxbw,priority'],
  zoneadmList: ['zoneadm', 'list', '-cp'],
  kstat: ['kstat', '-p', 'zfs:0:arcstats:c_max', 'zfs:0:arcstats:size', 'unix:0:system_pages:physmem'],
} as const;

/** Exit codes that mean success; kstat exits 1 when no statistic matched. */
export const OK_CODES: Partial<Record<keyof typeof LISTINGS, number[]>> = { kstat: [0, 1] };

/** One prctl for all running zones: all their rctls, no -n. */
export function prctlArgv(zones: string[]): string[] {
  return ['prctl', '-P', '-i', 'zone'].concat(zones);
}

/** Where a zone's stored configuration lives under the agent's root. */
export function zoneXmlPath(root: string, zone: string): string {
  return `${root.replace(/\/+$/, '')}/etc/zones/${zone}.xml`;
}

/** Zone names as zonecfg accepts them; anything else never reaches a path. */
export function isZoneName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) && name.length < 64;
}
