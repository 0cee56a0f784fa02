// A fresh SmartOS-like host converges; a second run changes nothing; drift is
// repaired without touching anything else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertHomeConverged, assertHomeReport, live } from './_converged.ts';
import { nodes, profilePath, Scenario } from './_harness.ts';

const HOME = profilePath('home.yaml');
for (const node of nodes()) {
  describe(`converge (${node.name})`, () => {
    const s = new Scenario('fresh-smartos', node.bin);
    let first: ReturnType<Scenario['agent']>;

    test('a fresh host with an importable pool converges', () => {
      first = s.agent(HOME);
      assertHomeConverged(s, first);
    });

    test('the report names every resource with the commands it ran', () => {
      assertHomeReport(first);
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
