// Entry point of the simulated illumos host: `node dist/sim.cjs <tool> <args...>`.
// Checks injected faults, runs the tool against $KILN_SIM_STATE, logs the call.
import { makeCtx } from './ctx.ts';
import type { Ctx } from './ctx.ts';
import { faultMatches, garbage, takeFault } from './faults.ts';
import { withLock } from './lock.ts';
import { isMutating } from './mutating.ts';
import { appendInvocation } from './store.ts';
import { bootparams } from './tools/bootparams.ts';
import { dladm } from './tools/dladm.ts';
import { kstat } from './tools/kstat.ts';
import { prctl } from './tools/prctl.ts';
import { zfs } from './tools/zfs.ts';
import { zoneadm } from './tools/zoneadm.ts';
import { zonecfg } from './tools/zonecfg.ts';
import { zpool } from './tools/zpool.ts';

const TOOLS: Record<string, (ctx: Ctx) => number> = { zpool, zfs, dladm, zonecfg, zoneadm, prctl, kstat, bootparams };

function main(): void {
  const [tool = '', ...args] = process.argv.slice(2);
  const dir = process.env['KILN_SIM_STATE'];
  const run = TOOLS[tool];
  if (!dir || !run) {
    process.stderr.write(!dir ? 'kiln sim: KILN_SIM_STATE is not set\n' : `kiln sim: unknown tool '${tool}'\n`);
    process.exitCode = 127;
    return;
  }
  const argv = [tool, ...args];
  const mutating = isMutating(tool, args);
  const fault = withLock(dir, () => takeFault(dir, argv));
  if (fault && faultMatches(fault, argv)) {
    if (fault.action === 'hang') {
      appendInvocation(dir, { argv, stdin: null, code: null, mutating });
      setInterval(() => undefined, 1 << 30);
      return;
    }
    if (fault.action === 'garbage') {
      process.stdout.write(garbage());
      appendInvocation(dir, { argv, stdin: null, code: 0, mutating });
      return;
    }
    const code = fault.code ?? 1;
    process.stderr.write(fault.stderr ?? `${tool}: injected failure\n`);
    appendInvocation(dir, { argv, stdin: null, code, mutating });
    process.exitCode = code;
    return;
  }
  const ctx = makeCtx(dir, tool, args, process.env['KILN_SIM_ROOT'] || undefined);
  ctx.mutating = mutating;
  const code = run(ctx);
  process.stdout.write(ctx.stdoutText);
  process.stderr.write(ctx.stderrText);
  appendInvocation(dir, { argv, stdin: ctx.stdinText, code, mutating: ctx.mutating });
  process.exitCode = code;
}

main();
