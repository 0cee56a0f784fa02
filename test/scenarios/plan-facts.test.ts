// `plan` and `facts` on the simulated host: read-only, whatever they print.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { AGENT, nodes, profilePath, Scenario } from './_harness.ts';

const HOME = profilePath('home.yaml');

function cli(s: Scenario, args: string[]): { code: number | null; stdout: string; stderr: string } {
  s.host.clearInvocations();
  const r = spawnSync(s.node, [AGENT, ...args, '--root', s.root], { env: s.host.env(), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const node of nodes()) {
  describe(`plan and facts (${node.name})`, () => {
    const s = new Scenario('fresh-smartos', node.bin);

    test('plan on a fresh host lists every action with its commands and runs no mutating command', () => {
      const r = cli(s, ['plan', HOME]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^pool\/zones:import: importable \(state ONLINE\), not imported\n {4}zpool import zones$/m);
      assert.match(r.stdout, /^zone\/win:boot: /m);
      assert.deepEqual(s.mutations(), []);
      assert.ok(s.host.invocations().length <= 12);
    });

    test('plan --json: actions with deps, reasons and argv', () => {
      const r = cli(s, ['plan', HOME, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const p = JSON.parse(r.stdout) as { actions: Array<{ id: string; deps: string[]; commands: string[][] }>; resources: string[] };
      const boot = p.actions.filter((a) => a.id === 'zone/web:boot')[0];
      assert.deepEqual(boot?.commands, [['zoneadm', '-z', 'web', 'boot']]);
      assert.ok((boot?.deps.length || 0) > 0);
      assert.equal(p.resources.length, 11);
      assert.deepEqual(s.mutations(), []);
    });

    test('facts --json shows the host; after a converge plan has nothing to do', () => {
      const f = cli(s, ['facts', '--json']);
      assert.equal(f.code, 0, f.stderr);
      const facts = JSON.parse(f.stdout) as { flavour: string; importable: Array<{ name: string }>; phys: Array<{ link: string }> };
      assert.equal(facts.flavour, 'smartos');
      assert.deepEqual(facts.importable.map((p) => p.name), ['zones']);
      assert.deepEqual(facts.phys.map((p) => p.link), ['e1000g0', 'e1000g1']);
      assert.equal(s.agent(HOME).code, 0);
      const again = cli(s, ['plan', HOME]);
      assert.equal(again.stdout, 'nothing to do: the host matches the profile\n');
      assert.deepEqual(s.mutations(), []);
    });

    test('plan with an invalid profile: exit 2, diagnostics, no command', () => {
      const r = cli(s, ['plan', profilePath('vanilla.yaml').replace('vanilla.yaml', 'missing.yaml')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /missing\.yaml:1:1: error: \$: no such file/);
      assert.deepEqual(s.host.invocations(), []);
    });
  });
}
