import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apply } from '../../../agent/apply/apply.ts';
import type { Command, CommandResult, Runner } from '../../../agent/host/runner.ts';
import type { Action } from '../../../agent/plan/actions.ts';

function act(id: string, deps: string[] = [], fail = false): Action {
  return { id, resource: id.split(':')[0] as string, reason: 'test', deps, creates: true, op: fail ? { kind: 'fail', error: `${id} cannot` } : { kind: 'createEtherstub', name: id } };
}

function fakeRunner(opts: { failOn?: string; delayMs?: number } = {}) {
  let active = 0;
  let peak = 0;
  const ran: string[] = [];
  const runner: Runner = {
    run(cmd: Command): Promise<CommandResult> {
      active++;
      peak = Math.max(peak, active);
      ran.push(cmd.argv.join(' '));
      return new Promise((resolve) => setTimeout(() => {
        active--;
        const bad = opts.failOn !== undefined && cmd.argv.indexOf(opts.failOn) >= 0;
        resolve({ argv: cmd.argv, code: bad ? 1 : 0, signal: null, stdout: '', stderr: bad ? 'boom\n' : '', durationMs: 1, timedOut: false });
      }, opts.delayMs || 1));
    },
  };
  return { runner, ran, peak: () => peak };
}

const cmds = (a: Action): Command[] => [{ argv: ['tool', a.id] }];

test('a failure skips its dependents; independent branches still run', async () => {
  const f = fakeRunner({ failOn: 'a:1' });
  const rs = await apply([act('a:1'), act('b:1', ['a:1']), act('c:1', ['b:1']), act('d:1')], cmds, f.runner, { concurrency: 4 });
  assert.deepEqual(rs.map((r) => r.outcome), ['failed', 'skipped', 'skipped', 'done']);
  assert.equal(rs[0]?.error, 'tool a:1: exit 1: boom');
  assert.deepEqual(f.ran.sort(), ['tool a:1', 'tool d:1']);
});

test('a fail action runs nothing and fails its dependents', async () => {
  const f = fakeRunner();
  const rs = await apply([act('p:fail', [], true), act('z:1', ['p:fail'])], cmds, f.runner, { concurrency: 2 });
  assert.deepEqual(rs.map((r) => r.outcome), ['failed', 'skipped']);
  assert.equal(f.ran.length, 0);
});

test('concurrency is bounded', async () => {
  const f = fakeRunner({ delayMs: 20 });
  const many = Array.from({ length: 12 }, (_, i) => act(`x${i}:1`));
  await apply(many, cmds, f.runner, { concurrency: 3 });
  assert.equal(f.peak(), 3);
});

test('actions not started by the deadline are skipped', async () => {
  const f = fakeRunner({ delayMs: 30 });
  let t = 0;
  const rs = await apply([act('a:1'), act('b:1', ['a:1'])], cmds, f.runner, { concurrency: 1, deadlineMs: 10, now: () => (t += 6) });
  assert.equal(rs[1]?.outcome, 'skipped');
  assert.match(rs[1]?.error || '', /time limit/);
});

test('the longest chain starts first; ties keep plan order', async () => {
  const f = fakeRunner();
  const plan = [act('v1:1'), act('v2:1'), act('z:configure'), act('z:install', ['z:configure']), act('z:boot', ['z:install'])];
  await apply(plan, cmds, f.runner, { concurrency: 1 });
  assert.deepEqual(f.ran, ['tool z:configure', 'tool z:install', 'tool z:boot', 'tool v1:1', 'tool v2:1']);
});
