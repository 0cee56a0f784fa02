// Walk the plan's DAG with bounded concurrency. A failed action fails its
// dependents (skipped); independent branches still converge. Commands run
// through the one Runner; nothing here decides what to do, only in what order.
import { commandFailure } from '../errors.ts';
import type { Command, CommandResult, Runner } from '../host/runner.ts';
import type { Action } from '../plan/actions.ts';

export type Outcome = 'done' | 'failed' | 'skipped';

export interface CommandRecord {
  argv: string[];
  exit: number | null;
  duration_ms: number;
  stderr?: string;
}

export interface ActionResult {
  action: Action;
  outcome: Outcome;
  error?: string;
  duration_ms: number;
  commands: CommandRecord[];
}

export interface ApplyOptions {
  concurrency: number;
  /** ms; actions not started by then are skipped */
  deadlineMs?: number;
  now?: () => number;
  /** Called as each action finishes (console progress). */
  onResult?: (r: ActionResult) => void;
}

function record(r: CommandResult): CommandRecord {
  const c: CommandRecord = { argv: r.argv, exit: r.code, duration_ms: r.durationMs };
  if (r.code !== 0 && r.stderr) c.stderr = r.stderr.slice(-2000);
  return c;
}

async function runAction(a: Action, cmds: Command[], runner: Runner, now: () => number): Promise<ActionResult> {
  const started = now();
  if (a.op.kind === 'fail') return { action: a, outcome: 'failed', error: a.op.error, duration_ms: 0, commands: [] };
  const commands: CommandRecord[] = [];
  for (const cmd of cmds) {
    const r = await runner.run(cmd);
    commands.push(record(r));
    if (r.code !== 0 || r.timedOut || r.spawnError !== undefined) {
      return { action: a, outcome: 'failed', error: commandFailure(r), duration_ms: now() - started, commands };
    }
  }
  return { action: a, outcome: 'done', duration_ms: now() - started, commands };
}

/**
 * Order for picking ready actions: the longest chain first, and within equal
 * chains the action furthest along it, so chains run depth-first and the slow
 * tails (install → boot) start as early as the bound allows. Plan order breaks
 * ties, which keeps runs deterministic.
 */
export function criticalPathOrder(actions: Action[]): Action[] {
  const children = new Map<string, string[]>();
  for (const a of actions) for (const d of a.deps) children.set(d, (children.get(d) || []).concat([a.id]));
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  // Plan order lists every action after its dependencies.
  for (const a of actions) up.set(a.id, 1 + Math.max(0, ...a.deps.map((d) => up.get(d) || 0)));
  for (let i = actions.length - 1; i >= 0; i--) {
    const a = actions[i] as Action;
    down.set(a.id, 1 + Math.max(0, ...(children.get(a.id) || []).map((c) => down.get(c) || 0)));
  }
  const chain = (a: Action): number => (up.get(a.id) as number) + (down.get(a.id) as number);
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => chain(y.a) - chain(x.a) || (up.get(y.a.id) as number) - (up.get(x.a.id) as number) || x.i - y.i)
    .map((x) => x.a);
}

/** Apply every action; resolves when all have finished, failed or been skipped. */
export function apply(plan: Action[], commandsOf: (a: Action) => Command[], runner: Runner, opts: ApplyOptions): Promise<ActionResult[]> {
  const actions = criticalPathOrder(plan);
  const now = opts.now || Date.now;
  const deadline = opts.deadlineMs !== undefined ? now() + opts.deadlineMs : Infinity;
  const results = new Map<string, ActionResult>();
  const started = new Set<string>();
  const byId = new Map<string, Action>();
  for (const a of actions) byId.set(a.id, a);
  let running = 0;
  return new Promise<ActionResult[]>((resolve) => {
    const finish = (r: ActionResult): void => {
      results.set(r.action.id, r);
      if (opts.onResult) opts.onResult(r);
    };
    const pump = (): void => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const a of actions) {
          if (started.has(a.id)) continue;
          const deps = a.deps.map((d) => results.get(d));
          const bad = a.deps.filter((d, i) => { const r = deps[i]; return (r && r.outcome !== 'done') || !byId.has(d); });
          if (bad.length) {
            started.add(a.id);
            const first = bad[0] as string;
            finish({ action: a, outcome: 'skipped', error: `skipped: ${first.split(':')[0] as string} ${byId.has(first) ? 'did not converge' : 'is unknown'}`, duration_ms: 0, commands: [] });
            progressed = true;
            continue;
          }
          if (deps.some((r) => !r) || running >= opts.concurrency) continue;
          started.add(a.id);
          if (now() > deadline) {
            finish({ action: a, outcome: 'skipped', error: 'skipped: the run time limit (boot.timeouts.total) was reached', duration_ms: 0, commands: [] });
            progressed = true;
            continue;
          }
          running++;
          runAction(a, commandsOf(a), runner, now).then(
            (r) => { running--; finish(r); pump(); },
            (e) => { running--; finish({ action: a, outcome: 'failed', error: `internal error: ${String(e && (e as Error).message)}`, duration_ms: 0, commands: [] }); pump(); },
          );
        }
      }
      if (results.size === actions.length) resolve(plan.map((a) => results.get(a.id) as ActionResult));
    };
    pump();
  });
}
