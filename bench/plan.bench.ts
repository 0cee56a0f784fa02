// plan() on 1,000 zones and 2,000 VNICs: against a fresh host (everything to
// create) and against the converged host (nothing to do). Target ≤ 100 ms.
import type { Facts, ZoneConfig } from '../agent/host/facts.ts';
import { plan } from '../agent/plan/plan.ts';
import { desiredZoneConfig } from '../agent/plan/zone-config.ts';
import { parseProfile } from '../agent/profile/index.ts';
import { bigProfile, median } from './_gen.ts';

function time(fn: () => void, runs: number): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
}

function main(): void {
  const r = parseProfile(bigProfile(1000), 'bench.yaml');
  if (!r.profile) throw new Error('bench profile invalid');
  const profile = r.profile;
  const base: Facts = { flavour: 'smartos', importable: [], pools: [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: [] }], datasets: [], phys: [{ link: 'e1000g0', media: 'Ethernet', state: 'up', device: 'e1000g0', macs: ['0:c:29:0:0:1'] }], etherstubs: [], vnics: [], zones: [], rctls: {}, arc: {}, errors: [] };
  const fresh = plan(profile, base);
  const converged: Facts = { ...base, etherstubs: ['stub0'], rctls: {} };
  converged.vnics = profile.network.vnics.map((v, i) => ({ link: v.name, over: v.over, vid: v.vlan_id || 0, mac: `2:8:20:0:${(i >> 8) & 255}:${i & 255}` }));
  converged.zones = profile.zones.map((z, i) => {
    const d = desiredZoneConfig(z);
    const rctls: ZoneConfig['rctls'] = {};
    for (const x of d.rctls) rctls[x.name] = [{ priv: 'privileged', limit: String(x.limit), action: x.action }];
    (converged.rctls as Record<string, Record<string, number>>)[z.name] = Object.fromEntries(d.rctls.map((x) => [x.name, x.limit]));
    return { id: i + 1, name: z.name, state: 'running' as const, zonepath: z.zonepath, uuid: '', brand: z.brand, ipType: 'excl', config: { name: z.name, zonepath: z.zonepath, autoboot: true, brand: z.brand, ipType: 'exclusive', nets: d.nets, devices: [], rctls, attrs: {}, datasets: [] } };
  });
  const again = plan(profile, converged);
  const tFresh = time(() => plan(profile, base), 15);
  const tConv = time(() => plan(profile, converged), 15);
  console.log(`plan 1000 zones / 2000 vnics, fresh host: ${fresh.actions.length} actions, median ${tFresh.toFixed(1)} ms (target ≤ 100 ms)`);
  console.log(`plan 1000 zones / 2000 vnics, converged host: ${again.actions.length} actions, median ${tConv.toFixed(1)} ms (target ≤ 100 ms)`);
}

main();
