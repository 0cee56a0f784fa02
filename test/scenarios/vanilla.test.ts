// Vanilla illumos: a pool created from free disks (never over disks in use),
// sparse and ipkg zones, no illumos-joyent zonecfg extensions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addPool, emptyHost, mirror, physLink } from '../sim/host.ts';
import type { SimState } from '../sim/host.ts';
import { nodes, profilePath, Scenario } from './_harness.ts';

const VANILLA = profilePath('vanilla.yaml');

function freeDisks(): SimState {
  const s = emptyHost('illumos');
  s.links.push(physLink('e1000g0', '0:c:29:5d:1a:10'));
  s.disks.push('c1t0d0', 'c1t1d0');
  return s;
}

for (const node of nodes()) {
  describe(`vanilla illumos (${node.name})`, () => {
    test('creates the pool from free disks, then zones on it; a second run is a no-op', () => {
      const s = new Scenario(freeDisks(), node.bin);
      const run = s.agent(VANILLA);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.ok(s.mutations().indexOf('zpool create tank mirror c1t0d0 c1t1d0') >= 0, s.mutations().join('\n'));
      const zonecfg = s.host.invocations().filter((i) => i.argv[0] === 'zonecfg').map((i) => i.stdin || '').join('\n');
      assert.doesNotMatch(zonecfg, /add property|set uuid/);
      const st = s.host.read();
      assert.deepEqual(st.zones.map((z) => `${z.name}:${z.state}`), ['web:running', 'db:running']);
      assert.equal(s.agent(VANILLA).code, 0);
      assert.deepEqual(s.mutations(), []);
    });

    test('refuses to create a pool over a disk that belongs to an exported pool', () => {
      const seed = freeDisks();
      addPool(seed, { name: 'old', vdevs: [mirror('c1t1d0', 'c1t2d0')], importable: true });
      const s = new Scenario(seed, node.bin);
      const run = s.agent(VANILLA);
      assert.equal(run.code, 1);
      const pool = run.report.resources.filter((r) => r.id === 'pool/tank')[0];
      assert.equal(pool?.outcome, 'failed');
      assert.match(pool?.error || '', /refusing to create pool tank: c1t1d0 belongs to exported pool old/);
      assert.ok(!s.mutations().some((m) => m.indexOf('zpool') === 0), s.mutations().join('\n'));
      assert.equal(s.outcomes(run)['zone/web'], 'skipped');
    });
  });
}
