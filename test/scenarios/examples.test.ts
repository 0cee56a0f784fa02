// The storage-appliance example on a simulated SmartOS host that has its disks
// and NICs: the raidz2 pool with log, cache and spare is created, the bhyve and
// kvm guests boot, and a second run changes nothing.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { emptyHost, physLink } from '../sim/host.ts';
import type { SimState } from '../sim/host.ts';
import { nodes, ROOT, Scenario } from './_harness.ts';

const STORAGE = path.join(ROOT, 'profiles/storage-appliance.yaml');

function applianceHost(): SimState {
  const s = emptyHost('smartos');
  s.links.push(physLink('ixgbe0', '0:1b:21:9c:4e:10'), physLink('igb0', '0:1b:21:9c:4e:11'));
  s.disks.push('c1t0d0', 'c1t1d0', 'c1t2d0', 'c1t3d0', 'c1t4d0', 'c1t5d0', 'c1t6d0', 'c2t0d0', 'c2t1d0', 'c3t0d0');
  return s;
}

for (const node of nodes()) {
  describe(`examples on the simulated host (${node.name})`, () => {
    test('storage-appliance: pool created on first boot, guests running, then nothing to do', () => {
      const s = new Scenario(applianceHost(), node.bin);
      const run = s.agent(STORAGE);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.ok(s.mutations().indexOf('zpool create -o ashift=12 -O atime=off -O compression=lz4 zones raidz2 c1t0d0 c1t1d0 c1t2d0 c1t3d0 c1t4d0 c1t5d0 log mirror c2t0d0 c2t1d0 cache c3t0d0 spare c1t6d0') >= 0, s.mutations().join('\n'));
      const zones = s.host.read().zones;
      assert.ok(zones.length >= 3);
      for (const z of zones) assert.ok(z.state === 'running' || z.state === 'installed', `${z.name} ${z.state}`);
      assert.ok(zones.some((z) => z.config.brand === 'kvm') && zones.some((z) => z.config.brand === 'bhyve'));
      const again = s.agent(STORAGE);
      assert.equal(again.code, 0, again.stdout);
      assert.deepEqual(s.mutations(), []);
    });
  });
}
