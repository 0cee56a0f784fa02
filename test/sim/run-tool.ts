// One simulated tool call as a pure-ish function: argv + env + stdin in,
// stdout/stderr/exit code out. Shared by the one-process-per-call entry
// (main.ts) and the server's worker threads (server-worker.ts), so both modes
// run exactly the same code and write the same invocation log.
import * as fs from 'node:fs';
import * as path from 'node:path';
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

export interface ToolEnv {
  KILN_SIM_STATE?: string | undefined;
  KILN_SIM_ROOT?: string | undefined;
}

export interface ToolCall {
  /** [tool, ...args] */
  argv: string[];
  env: ToolEnv;
  /** the caller's working directory (relative file operands) */
  cwd: string;
  /** all of stdin; called only when the tool reads it, as the real tools do */
  stdin: () => string;
}

/** code null: a `hang` fault; the caller must never answer. */
export interface ToolResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runTool(call: ToolCall): ToolResult {
  const [tool = '', ...args] = call.argv;
  const dir = call.env.KILN_SIM_STATE;
  const run = TOOLS[tool];
  if (!dir || !run) {
    return { stdout: '', stderr: !dir ? 'kiln sim: KILN_SIM_STATE is not set\n' : `kiln sim: unknown tool '${tool}'\n`, code: 127 };
  }
  const argv = [tool, ...args];
  const mutating = isMutating(tool, args);
  // No faults file, no fault: skip a lock round per call (the file is only ever replaced whole).
  const fault = fs.existsSync(path.join(dir, 'faults.json')) ? withLock(dir, () => takeFault(dir, argv)) : undefined;
  if (fault && faultMatches(fault, argv)) {
    if (fault.action === 'hang') {
      appendInvocation(dir, { argv, stdin: null, code: null, mutating });
      return { stdout: '', stderr: '', code: null };
    }
    if (fault.action === 'garbage') {
      const stdout = garbage();
      appendInvocation(dir, { argv, stdin: null, code: 0, mutating });
      return { stdout, stderr: '', code: 0 };
    }
    const code = fault.code ?? 1;
    appendInvocation(dir, { argv, stdin: null, code, mutating });
    return { stdout: '', stderr: fault.stderr ?? `${tool}: injected failure\n`, code };
  }
  const ctx = makeCtx(dir, tool, args, call.env.KILN_SIM_ROOT || undefined, call.cwd, call.stdin);
  ctx.mutating = mutating;
  const code = run(ctx);
  appendInvocation(dir, { argv, stdin: ctx.stdinText, code, mutating: ctx.mutating });
  return { stdout: ctx.stdoutText, stderr: ctx.stderrText, code };
}
