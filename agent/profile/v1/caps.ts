// Zone caps: vmadm's property names, their illumos rctls and zonecfg forms.
// The schema, the planner and the docs all read this one table.

export interface CapSpec {
  /** vmadm name, used in the profile */
  name: 'max_physical_memory' | 'max_swap' | 'max_locked_memory' | 'cpu_cap' | 'cpu_shares' | 'zfs_io_priority' | 'max_lwps';
  /** the zone rctl it becomes */
  rctl: string;
  unit: 'bytes' | 'count' | 'percent';
  /** rctl action a privileged value carries */
  action: 'deny' | 'none';
  doc: string;
  min: number;
  max: number;
}

const MIB = 1024 * 1024;

export const CAPS: readonly CapSpec[] = [
  { name: 'max_physical_memory', rctl: 'zone.max-physical-memory', unit: 'bytes', action: 'deny', min: 256 * MIB, max: 1024 * 1024 * 1024 * MIB, doc: 'Memory cap (capped-memory physical). MiB integer or size string.' },
  { name: 'max_swap', rctl: 'zone.max-swap', unit: 'bytes', action: 'deny', min: 256 * MIB, max: 1024 * 1024 * 1024 * MIB, doc: 'Swap cap (capped-memory swap); at least max_physical_memory.' },
  { name: 'max_locked_memory', rctl: 'zone.max-locked-memory', unit: 'bytes', action: 'deny', min: 1 * MIB, max: 1024 * 1024 * 1024 * MIB, doc: 'Locked-memory cap (capped-memory locked); at most max_physical_memory.' },
  { name: 'cpu_cap', rctl: 'zone.cpu-cap', unit: 'percent', action: 'deny', min: 1, max: 100000, doc: 'CPU cap in percent of one CPU (100 = one CPU).' },
  { name: 'cpu_shares', rctl: 'zone.cpu-shares', unit: 'count', action: 'none', min: 1, max: 65535, doc: 'Fair-share scheduler shares.' },
  { name: 'zfs_io_priority', rctl: 'zone.zfs-io-priority', unit: 'count', action: 'none', min: 0, max: 16384, doc: 'Relative ZFS I/O priority.' },
  { name: 'max_lwps', rctl: 'zone.max-lwps', unit: 'count', action: 'deny', min: 1, max: 2147483647, doc: 'Maximum lightweight processes (threads).' },
];

/** Cap by profile name. */
export function capByName(name: string): CapSpec | undefined {
  return CAPS.filter((c) => c.name === name)[0];
}
