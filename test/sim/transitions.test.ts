// Zone state transitions (host-g): configure → install (incomplete) → installed
// → ready → running → shutting_down → down → installed, compared at each step.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, sim, simAsync, tmpDir, tmpHost } from './test-util.ts';

const CFG = 'create -b\nset zonepath=/zones/app01\nset brand=sparse\nset ip-type=exclusive\nadd net\nset physical=app01_0\nend\nadd capped-memory\nset physical=1g\nend\ncommit\n';

function step(name: string): string {
  return fixture(`host-g/zoneadm-list-cp.${name}`).stdout;
}

async function until(host: Parameters<typeof sim>[0], want: string, ms = 5000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = sim(host, ['zoneadm', 'list', '-cp']).stdout;
    if (last === want) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  return last;
}

describe('host-g zone lifecycle', () => {
  it('walks every state with the captured output', async () => {
    const root = tmpDir();
    const h = tmpHost('host-g', { root });
    const file = path.join(tmpDir(), 'app01.cfg');
    fs.writeFileSync(file, CFG);
    assert.equal(sim(h, ['zonecfg', '-z', 'app01', '-f', file]).code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, step('step1-configured'));
    assert.equal(fs.readFileSync(path.join(root, 'etc/zones/index'), 'utf8'), 'global:installed:/\napp01:configured:/zones/app01:\n');

    h.update((s) => {
      s.knobs.zoneInstallDelayMs = 1500;
      s.knobs.zoneHaltDelayMs = 2000;
    });
    const install = simAsync(h, ['zoneadm', '-z', 'app01', 'install']);
    assert.equal(await until(h, step('step2-incomplete')), step('step2-incomplete'));
    assert.equal((await install).code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, step('step3-installed'));
    assert.match(fs.readFileSync(path.join(root, 'etc/zones/index'), 'utf8'), /^app01:installed:\/zones\/app01:a0b1c2d3-e4f5-c6a7-b8c9-d0e1f2a3b4c5$/m);

    assert.equal(sim(h, ['zoneadm', '-z', 'app01', 'ready']).code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, step('step4-ready'));
    assert.equal(sim(h, ['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'app01']).stderr, 'prctl: app01: No controllable process found in task, project, or zone.\n');

    assert.equal(sim(h, ['zoneadm', '-z', 'app01', 'boot']).code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, step('step5-running'));
    // boot applied the configured cap as the live rctl, and the zone holds its VNIC
    assert.match(sim(h, ['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'app01']).stdout, /^zone.max-physical-memory privileged 1073741824 - deny -$/m);
    assert.equal(sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link,zone']).stdout, 'app01_0:app01\n');

    const halt = simAsync(h, ['zoneadm', '-z', 'app01', 'halt']);
    assert.equal(await until(h, step('step6-shutting_down')), step('step6-shutting_down'));
    assert.equal(await until(h, step('step7-down')), step('step7-down'));
    assert.equal((await halt).code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, step('step8-installed'));
    assert.equal(sim(h, ['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'app01']).stderr, 'prctl: app01: unknown zone\n');
    assert.equal(sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link,zone']).stdout, 'app01_0:--\n');
  });

  it('boots overlap: the delay is spent without the state lock', async () => {
    const h = tmpHost('running-zones-10');
    h.update((s) => {
      for (const z of s.zones.slice(0, 5)) {
        z.state = 'installed';
        delete z.id;
        delete z.live;
        const l = s.links.find((x) => x.zone === z.name);
        if (l) delete l.zone;
      }
      s.knobs.zoneBootDelayMs = 1000;
    });
    const t0 = Date.now();
    const rs = await Promise.all([1, 2, 3, 4, 5].map((i) => simAsync(h, ['zoneadm', '-z', `z${i}`, 'boot'])));
    assert.deepEqual(rs.map((r) => r.code), [0, 0, 0, 0, 0]);
    assert.ok(Date.now() - t0 < 3500, `parallel boots took ${Date.now() - t0} ms`);
    const ids = sim(h, ['zoneadm', 'list', '-p']).stdout.trim().split('\n').map((l) => l.split(':')[0]);
    assert.equal(new Set(ids).size, 11);
  });
});
