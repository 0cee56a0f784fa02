// Faults: a foreign pool without force, a missing physical link, a failing
// command, a hanging command, an invalid profile. Each degrades only what
// depends on it, destroys nothing, and the next run after the fault is gone
// converges.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshSmartosHost } from '../sim/host.ts';
import { nodes, profilePath, Scenario, variant } from './_harness.ts';

const HOME = profilePath('home.yaml');
const DESTRUCTIVE = /\b(destroy|delete-|uninstall|halt|reboot|shutdown|export)\b|prctl .* -x /;

function noDestruction(s: Scenario): void {
  for (const m of s.mutations()) assert.doesNotMatch(m, DESTRUCTIVE, m);
}

for (const node of nodes()) {
  describe(`faults (${node.name})`, () => {
    test('a foreign pool without force: pool failed, its datasets and zones skipped, the network still converges', () => {
      const seed = freshSmartosHost();
      const pool = seed.importable[0] as unknown as Record<string, unknown>;
      pool['foreign'] = { hostname: 'storage07', hostid: '7a3b9c1e', time: 'Tue Mar  5 10:22:31 2024' };
      const s = new Scenario(seed, node.bin);
      const run = s.agent(HOME);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.report.status, 'degraded');
      const o = s.outcomes(run);
      assert.equal(o['pool/zones'], 'failed');
      assert.match(run.report.resources[0]?.error || '', /another system.*force: true/);
      assert.equal(o['dataset/zones/data'], 'skipped');
      assert.equal(o['zone/web'], 'skipped');
      assert.equal(o['vnic/wan0'], 'created');
      assert.equal(o['etherstub/stub0'], 'created');
      assert.ok(!s.mutations().some((m) => m.indexOf('zpool import') === 0), 'no import attempted');
      assert.match(run.stdout, /failed +pool\/zones/);
      noDestruction(s);
      const forced = variant('home.yaml', (t) => t.replace('  - name: zones\n', '  - name: zones\n    force: true\n'));
      const again = s.agent(forced);
      assert.equal(again.code, 0, again.stdout);
      assert.ok(s.mutations().indexOf('zpool import -f zones') >= 0);
    });

    test('a missing physical link fails its VNIC and zone; the rest converges; adding the NIC converges', () => {
      const seed = freshSmartosHost();
      seed.links = seed.links.filter((l) => l.name !== 'e1000g0');
      const s = new Scenario(seed, node.bin);
      const run = s.agent(HOME);
      assert.equal(run.code, 1);
      const o = s.outcomes(run);
      assert.equal(o['vnic/win0'], 'failed');
      assert.match(run.report.resources.filter((r) => r.id === 'vnic/win0')[0]?.error || '', /e1000g0 is not a physical link/);
      assert.equal(o['zone/win'], 'skipped');
      assert.equal(o['zone/web'], 'created');
      assert.equal(o['zone/db'], 'created');
      noDestruction(s);
      s.host.update((st) => { st.links.unshift({ ...(freshSmartosHost().links[0] as (typeof st.links)[0]) }); });
      const again = s.agent(HOME);
      assert.equal(again.code, 0, again.stdout);
      assert.equal(s.outcomes(again)['zone/win'], 'created');
    });

    test('a failing command fails its resource and skips its dependents only', () => {
      const s = new Scenario('fresh-smartos', node.bin);
      s.host.addFault({ match: ['dladm', 'create-vnic', '*', '*', 'stub0', 'db0'], action: 'fail', stderr: 'dladm: vnic creation over stub0 failed: object already exists\n' });
      const run = s.agent(HOME);
      assert.equal(run.code, 1);
      const o = s.outcomes(run);
      assert.equal(o['vnic/db0'], 'failed');
      assert.match(run.report.resources.filter((r) => r.id === 'vnic/db0')[0]?.error || '', /exit 1: dladm: vnic creation over stub0 failed/);
      assert.equal(o['zone/db'], 'skipped');
      assert.equal(o['zone/web'], 'created');
      assert.equal(o['zone/win'], 'created');
      s.host.clearFaults();
      const again = s.agent(HOME);
      assert.equal(again.code, 0, again.stdout);
      assert.deepEqual(Object.keys(s.outcomes(again)).filter((k) => s.outcomes(again)[k] === 'created'), ['vnic/db0', 'zone/db']);
    });

    test('a hanging command is killed at its time limit; the rest converges', () => {
      const s = new Scenario('fresh-smartos', node.bin);
      s.host.addFault({ match: ['zoneadm', '-z', 'web', 'boot'], action: 'hang' });
      const quick = variant('home.yaml', (t) => t.replace('pools:', 'boot: { timeouts: { zone_boot: 2s } }\npools:'));
      const run = s.agent(quick);
      assert.equal(run.code, 1);
      const web = run.report.resources.filter((r) => r.id === 'zone/web')[0];
      assert.equal(web?.outcome, 'failed');
      assert.match(web?.error || '', /zoneadm -z web: timed out after \d+ms/);
      assert.equal(s.outcomes(run)['zone/db'], 'created');
      s.host.clearFaults();
      const again = s.agent(quick);
      assert.equal(again.code, 0, again.stdout);
      assert.deepEqual(s.mutations(), ['zoneadm -z web boot']);
    });

    test('a listing that prints garbage: links are unknown, so nothing that needs them is touched', () => {
      const s = new Scenario('fresh-smartos', node.bin);
      s.host.addFault({ match: ['dladm', 'show-vnic'], action: 'garbage', times: 1 });
      const run = s.agent(HOME);
      assert.equal(run.code, 1);
      const o = s.outcomes(run);
      assert.equal(o['vnic/wan0'], 'failed');
      assert.match(run.report.resources.filter((r) => r.id === 'vnic/wan0')[0]?.error || '', /cannot observe links: dladm show-vnic .*unparseable/);
      assert.equal(o['zone/web'], 'skipped');
      assert.equal(o['pool/zones'], 'updated');
      assert.equal(o['dataset/zones/data'], 'created');
      assert.ok(!s.mutations().some((m) => /^dladm|^zonecfg|^zoneadm/.test(m)), s.mutations().join('\n'));
      const again = s.agent(HOME);
      assert.equal(again.code, 0, again.stdout);
    });

    test('an invalid profile: exit 2, not one host command run', () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const bad = variant('home.yaml', (t) => t.replace('brand: joyent-minimal', 'brand: joyent-minimall'));
      const run = s.agent(bad);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /home\.yaml:\d+:\d+: error: \$\.zones\[1\]\.brand: "joyent-minimall" is not one of/);
      assert.equal(run.report.status, 'invalid');
      assert.deepEqual(s.host.invocations(), []);
    });
  });
}
