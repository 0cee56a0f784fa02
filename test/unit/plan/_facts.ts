// Facts builders for planner tests.
import type { Facts } from '../../../agent/host/facts.ts';
import { parseProfile } from '../../../agent/profile/index.ts';
import type { Profile } from '../../../agent/profile/v1/types.ts';

export function emptyFacts(over: Partial<Facts> = {}): Facts {
  return { flavour: 'smartos', importable: [], pools: [], datasets: [], phys: [], etherstubs: [], vnics: [], zones: [], rctls: {}, arc: {}, errors: [], ...over };
}

export function profileOf(yaml: string): Profile {
  const r = parseProfile(yaml, 'test.yaml');
  if (!r.profile) throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  return r.profile;
}

export const PHYS = [
  { link: 'e1000g0', media: 'Ethernet', state: 'up', device: 'e1000g0', macs: ['0:c:29:5a:1:10'] },
  { link: 'e1000g1', media: 'Ethernet', state: 'up', device: 'e1000g1', macs: ['0:c:29:5a:1:11'] },
];
