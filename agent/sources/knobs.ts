// Rescue knobs on the boot line, and the profile filter they imply. The
// filter runs before the planner, so the planner never sees what is skipped;
// the report lists each skipped resource with the knob that skipped it.
import { datasetResource, poolResource } from '../plan/plan-storage.ts';
import { zoneResource } from '../plan/plan-zones.ts';
import type { Profile } from '../profile/v1/types.ts';
import type { BootParams } from './boot-line.ts';
import { isTrue } from './boot-line.ts';

export interface Knobs {
  /** kiln.disable: read nothing, change nothing */
  disable: boolean;
  /** kiln.noimport (or the platform's own noimport): no pools, nothing that needs one */
  noimport: boolean;
  /** kiln.skip=zones,guests */
  skipZones: boolean;
  skipGuests: boolean;
  /** kiln.skip words kiln does not know, for a warning */
  unknownSkips: string[];
}

export interface SkippedResource {
  id: string;
  /** the knob, e.g. `kiln.noimport=true` */
  reason: string;
}

/**
 * Read the knobs. SmartOS's own `noimport=true` counts too: when the
 * platform was told not to import pools, kiln must not import them either.
 */
export function knobsFrom(p: BootParams): Knobs {
  const skip = (p['kiln.skip'] || '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  return {
    disable: isTrue(p['kiln.disable']),
    noimport: isTrue(p['kiln.noimport']) || isTrue(p['noimport']),
    skipZones: skip.indexOf('zones') >= 0,
    skipGuests: skip.indexOf('guests') >= 0,
    unknownSkips: skip.filter((s) => s !== 'zones' && s !== 'guests'),
  };
}

/** The knobs in effect, as written on the boot line, for the report. */
export function activeKnobs(k: Knobs, p: BootParams): string[] {
  const out: string[] = [];
  if (k.disable) out.push('kiln.disable=true');
  if (k.noimport) out.push(isTrue(p['kiln.noimport']) ? 'kiln.noimport=true' : 'noimport=true');
  if (k.skipZones || k.skipGuests) out.push(`kiln.skip=${p['kiln.skip'] || ''}`);
  return out;
}

function isGuest(brand: string): boolean {
  return brand === 'kvm' || brand === 'bhyve';
}

/** The profile without what the knobs skip, and the list of what they skipped. */
export function applyKnobs(profile: Profile, k: Knobs, noimportName = 'kiln.noimport=true'): { profile: Profile; skipped: SkippedResource[] } {
  const skipped: SkippedResource[] = [];
  let pools = profile.pools;
  let zones = profile.zones;
  if (k.noimport) {
    const why = `${noimportName}: pools are not imported, so nothing on them is touched`;
    for (const p of pools) {
      skipped.push({ id: poolResource(p.name), reason: why });
      for (const d of p.datasets) skipped.push({ id: datasetResource(`${p.name}/${d.name}`), reason: why });
    }
    for (const z of zones) skipped.push({ id: zoneResource(z.name), reason: why });
    pools = [];
    zones = [];
  }
  const keep = zones.filter((z) => {
    if (k.skipGuests && isGuest(z.brand)) skipped.push({ id: zoneResource(z.name), reason: 'kiln.skip=guests: kvm and bhyve guests are left alone' });
    else if (k.skipZones && !isGuest(z.brand)) skipped.push({ id: zoneResource(z.name), reason: 'kiln.skip=zones: OS zones are left alone' });
    else return true;
    return false;
  });
  return { profile: { ...profile, pools, zones: keep }, skipped };
}
