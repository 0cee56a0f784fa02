// Zone resource controls: system values, flags and units (illumos.md §5.3),
// the zonecfg shortcuts that store into them, and what boot applies.
import type { RctlValue, Zone } from './state.ts';

export interface RctlInfo {
  name: string;
  unit: 'bytes' | 'count';
  /** system value, decimal */
  system: string;
  /** flag on the system line: max, or inf for "infinite" rctls */
  flag: 'max' | 'inf';
  /** action printed on the system line and given to zonecfg shortcuts */
  action: 'deny' | 'none';
  /** global flags: deny always on (memory, caps, ids) or never (shares, priority) */
  denyMode: 'always' | 'never' | 'optional';
  /** privileged value the kernel installs when the config sets none [UNCERTAIN] */
  defaultPrivileged?: string;
}

const U64 = '18446744073709551615';

const LIST: RctlInfo[] = [
  { name: 'zone.cpu-baseline', unit: 'count', system: '4294967295', flag: 'max', action: 'none', denyMode: 'never' },
  { name: 'zone.cpu-burst-time', unit: 'count', system: '2147483647', flag: 'max', action: 'none', denyMode: 'never' },
  { name: 'zone.cpu-cap', unit: 'count', system: '4294967295', flag: 'inf', action: 'deny', denyMode: 'always' },
  { name: 'zone.cpu-shares', unit: 'count', system: '65535', flag: 'max', action: 'none', denyMode: 'never', defaultPrivileged: '1' },
  { name: 'zone.max-locked-memory', unit: 'bytes', system: U64, flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-lofi', unit: 'count', system: U64, flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-lwps', unit: 'count', system: '2147483647', flag: 'max', action: 'deny', denyMode: 'optional' },
  { name: 'zone.max-msg-ids', unit: 'count', system: '16777216', flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-physical-memory', unit: 'bytes', system: U64, flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-processes', unit: 'count', system: '2147483647', flag: 'max', action: 'deny', denyMode: 'optional' },
  { name: 'zone.max-sem-ids', unit: 'count', system: '16777216', flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-shm-ids', unit: 'count', system: '16777216', flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-shm-memory', unit: 'bytes', system: U64, flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.max-swap', unit: 'bytes', system: U64, flag: 'max', action: 'deny', denyMode: 'always' },
  { name: 'zone.zfs-io-priority', unit: 'count', system: '16384', flag: 'max', action: 'none', denyMode: 'never' },
];

/** [UNCERTAIN] `prctl -i zone` without -n lists the zone.* rctls; we print them in name order. */
export const ZONE_RCTLS: readonly RctlInfo[] = LIST;

export function rctlInfo(name: string): RctlInfo | undefined {
  return LIST.find((r) => r.name === name);
}

/** zonecfg global-scope shortcuts → rctl names. */
export const GLOBAL_ALIASES: Record<string, string> = {
  'cpu-shares': 'zone.cpu-shares',
  'max-lwps': 'zone.max-lwps',
  'max-processes': 'zone.max-processes',
  'max-msg-ids': 'zone.max-msg-ids',
  'max-sem-ids': 'zone.max-sem-ids',
  'max-shm-ids': 'zone.max-shm-ids',
  'max-shm-memory': 'zone.max-shm-memory',
  'max-lofi': 'zone.max-lofi',
  'zfs-io-priority': 'zone.zfs-io-priority',
};

/** capped-memory properties → rctl names (illumos-joyent stores them as rctls). */
export const MCAP_ALIASES: Record<string, string> = {
  physical: 'zone.max-physical-memory',
  swap: 'zone.max-swap',
  locked: 'zone.max-locked-memory',
};

export const CPU_CAP = 'zone.cpu-cap';

/** Live rctls a zone gets at boot: its configured privileged values, else the defaults. */
export function bootRctls(z: Zone): Record<string, RctlValue[]> {
  const live: Record<string, RctlValue[]> = {};
  for (const info of LIST) {
    const configured = z.config.rctls.find((r) => r.name === info.name);
    const vals = (configured?.values ?? []).filter((v) => v.priv === 'privileged').map((v) => ({ ...v }));
    if (vals.length > 0) live[info.name] = vals;
    else if (info.defaultPrivileged !== undefined)
      live[info.name] = [{ priv: 'privileged', limit: info.defaultPrivileged, action: info.action }];
  }
  return live;
}

/**
 * `usage` reported for an rctl: recorded usage when the state has it; shares and
 * priority report the value in force [UNCERTAIN: all zone rctls report usage].
 */
export function rctlUsage(z: Zone, name: string): string {
  const u = z.usage?.[name];
  if (u !== undefined) return u;
  if (name === 'zone.cpu-shares' || name === 'zone.zfs-io-priority') {
    const v = z.live?.[name]?.[0]?.limit;
    if (v !== undefined) return v;
    return '1';
  }
  return '0';
}
