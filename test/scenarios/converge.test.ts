// A fresh SmartOS-like host converges; a second run changes nothing; drift is
// repaired without touching anything else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodes, profilePath, Scenario } from './_harness.ts';

const HOME = profilePath('home.yaml');
const GiB = 1024 ** 3;

/** The privileged value of a live rctl in the sim's state. */
function live(zone: { live?: Record<string, Array<{ priv: string; limit: string }>> } | undefined, rctl: string): number | undefined {
  const v = zone && zone.live && zone.live[rctl];
  const p = v ? v.filter((x) => x.priv === 'privileged')[0] : undefined;
  return p ? Number(p.limit) : undefined;
}

for (const node of nodes()) {
  describe(`converge (${node.name})`, () => {
    const s = new Scenario('fresh-smartos', node.bin);
    let first: ReturnType<Scenario['agent']>;

    test('a fresh host with an importable pool converges', () => {
      first = s.agent(HOME);
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
    });

    test('the report names every resource with the commands it ran', () => {
      const ids = first.report.resources.map((r) => r.id);
      assert.deepEqual(ids, ['pool/zones', 'dataset/zones/data', 'dataset/zones/data/www', 'etherstub/stub0', 'vnic/wan0', 'vnic/web0', 'vnic/db0', 'vnic/win0', 'zone/web', 'zone/db', 'zone/win']);
      const pool = first.report.resources[0];
      assert.deepEqual(pool?.commands.map((c) => c.argv), [['zpool', 'import', 'zones']]);
      assert.equal(first.report['kiln_version'], '0.1.0');
      assert.match(String((first.report['profile'] as { sha256: string }).sha256), /^[0-9a-f]{64}$/);
    });

    test('a second run changes nothing: zero mutating commands, exit 0', () => {
      const again = s.agent(HOME);
      assert.equal(again.code, 0, again.stdout);
      assert.deepEqual(s.mutations(), []);
      assert.ok(Object.values(s.outcomes(again)).every((o) => o === 'unchanged'));
      assert.ok(s.host.invocations().length <= 13, `observe ran ${s.host.invocations().length} commands`);
    });

    test('drift (a live cap, a VNIC gone, a zone halted) is repaired, nothing else touched, no reboot', () => {
      // Drift the way an operator would cause it, through the tools themselves.
      s.sim(['prctl', '-n', 'zone.cpu-cap', '-t', 'privileged', '-v', '400', '-r', '-i', 'zone', 'web']);
      s.sim(['zoneadm', '-z', 'db', 'halt']);
      s.sim(['zoneadm', '-z', 'win', 'halt']);
      s.sim(['dladm', 'delete-vnic', 'win0']);
      const run = s.agent(HOME);
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(s.mutations().sort(), [
        'dladm create-vnic -t -l e1000g0 win0',
        'prctl -n zone.cpu-cap -t privileged -v 100 -r -i zone web',
        'zoneadm -z db boot',
        'zoneadm -z win boot',
      ]);
      assert.deepEqual(s.outcomes(run), {
        'pool/zones': 'unchanged', 'dataset/zones/data': 'unchanged', 'dataset/zones/data/www': 'unchanged', 'etherstub/stub0': 'unchanged',
        'vnic/wan0': 'unchanged', 'vnic/web0': 'unchanged', 'vnic/db0': 'unchanged', 'vnic/win0': 'created',
        'zone/web': 'updated', 'zone/db': 'updated', 'zone/win': 'updated',
      });
      const web = s.host.read().zones.filter((z) => z.name === 'web')[0];
      assert.equal(live(web, 'zone.cpu-cap'), 100);
      assert.deepEqual(s.agent(HOME).code, 0);
      assert.deepEqual(s.mutations(), []);
    });
  });
}
