// The ARC policy: a fixed max, or the provisioner rule (keep an OS reserve,
// keep ARC at least min_percent of RAM). illumos reads zfs_arc_max only at
// boot from /etc/system, which lives in the read-only platform image, so kiln
// reports a mismatch instead of poking the kernel.
import type { Facts } from '../host/facts.ts';
import type { Profile } from '../profile/v1/types.ts';
import { formatBytes } from '../profile/units.ts';

const MIB = 1024 * 1024;

/** The ARC max the policy asks for on this host, in bytes (whole MiB). */
export function arcWanted(profile: Profile, facts: Facts): number | undefined {
  const a = profile.arc;
  if (!a) return undefined;
  if (a.mode === 'fixed') return a.max;
  const ram = facts.arc.physmem;
  if (!ram) return undefined;
  const floor = (ram * a.min_percent) / 100;
  const want = Math.max(ram - a.os_reserve, floor);
  return Math.floor(want / MIB) * MIB;
}

/** A warning when the running ARC max differs from the policy by more than 1%. */
export function arcTarget(profile: Profile, facts: Facts): string | undefined {
  const want = arcWanted(profile, facts);
  const have = facts.arc.c_max;
  if (want === undefined || have === undefined) return undefined;
  if (Math.abs(have - want) <= want / 100) return undefined;
  return `arc: the running ARC max is ${formatBytes(have)}, the policy wants ${formatBytes(want)}; set zfs:zfs_arc_max = ${want} in the image's /etc/system (read at boot only)`;
}
