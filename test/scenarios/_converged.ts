// What "converged" means for home.yaml on the fresh SmartOS host, shared by
// the scenarios that run the sim one process per call and in server mode.
import assert from 'node:assert/strict';
import type { Run, Scenario } from './_harness.ts';

const GiB = 1024 ** 3;

/** The privileged value of a live rctl in the sim's state. */
export function live(zone: { live?: Record<string, Array<{ priv: string; limit: string }>> } | undefined, rctl: string): number | undefined {
  const v = zone && zone.live && zone.live[rctl];
  const p = v ? v.filter((x) => x.priv === 'privileged')[0] : undefined;
  return p ? Number(p.limit) : undefined;
}

/** Pool, datasets, links, zones running with their caps live and stored. */
export function assertHomeConverged(s: Scenario, first: Run): void {
  assert.equal(first.code, 0, first.stderr + first.stdout);
  assert.equal(first.report.status, 'converged');
  const st = s.host.read();
  assert.deepEqual(st.pools.map((p) => p.name), ['zones']);
  for (const d of ['zones/data', 'zones/data/www', 'zones/win-disk0', 'zones/web']) assert.ok(st.datasets.some((x) => x.name === d), d);
  const link = (n: string) => st.links.filter((l) => l.name === n)[0];
  assert.equal(link('stub0')?.class, 'etherstub');
  assert.equal(link('wan0')?.over, 'e1000g1');
  assert.equal(link('wan0')?.vid, 12);
  const zones = Object.fromEntries(st.zones.map((z) => [z.name, z]));
  for (const z of ['web', 'db', 'win']) assert.equal(zones[z]?.state, 'running', z);
  assert.equal(zones['win']?.config.brand, 'bhyve');
  // caps live (applied at boot from zonecfg) and stored
  assert.equal(live(zones['web'], 'zone.max-physical-memory'), GiB);
  assert.equal(live(zones['web'], 'zone.cpu-cap'), 100);
  assert.equal(live(zones['db'], 'zone.max-lwps'), 4000);
  assert.ok(JSON.stringify(zones['web']?.config).indexOf('zone.zfs-io-priority') >= 0);
}

/** Every resource of home.yaml in profile order, with the commands it ran. */
export function assertHomeReport(first: Run): void {
  const ids = first.report.resources.map((r) => r.id);
  assert.deepEqual(ids, ['pool/zones', 'dataset/zones/data', 'dataset/zones/data/www', 'etherstub/stub0', 'vnic/wan0', 'vnic/web0', 'vnic/db0', 'vnic/win0', 'zone/web', 'zone/db', 'zone/win']);
  const pool = first.report.resources[0];
  assert.deepEqual(pool?.commands.map((c) => c.argv), [['zpool', 'import', 'zones']]);
  assert.equal(first.report['kiln_version'], '0.1.0');
  assert.match(String((first.report['profile'] as { sha256: string }).sha256), /^[0-9a-f]{64}$/);
}
