// The context one tool invocation runs in: its arguments, buffered output,
// locked access to the state, and stdin on demand.
import * as path from 'node:path';
import { sleepSync, withLock } from './lock.ts';
import { loadState, saveState } from './store.ts';
import { syncZoneFiles } from './zone-files.ts';
import type { SimState } from './state.ts';

export interface Ctx {
  tool: string;
  args: string[];
  out(text: string): void;
  err(text: string): void;
  /** read-modify-write the state under the lock; saved when it changed */
  tx<T>(fn: (s: SimState) => T): T;
  /** consistent snapshot, no write */
  read(): SimState;
  /** sleep without holding the lock */
  sleep(ms: number): void;
  /** read all of stdin (recorded in the invocation log) */
  stdin(): string;
  /** a file operand as the caller meant it (relative to the caller's cwd, not the server's) */
  path(p: string): string;
  /** whether this invocation changes state (invocation log) */
  mutating: boolean;
}

export interface CtxImpl extends Ctx {
  stdoutText: string;
  stderrText: string;
  stdinText: string | null;
}

export function makeCtx(dir: string, tool: string, args: string[], root: string | undefined, cwd: string, readStdin: () => string): CtxImpl {
  const ctx: CtxImpl = {
    tool,
    args,
    stdoutText: '',
    stderrText: '',
    stdinText: null,
    mutating: false,
    out(text) {
      ctx.stdoutText += text;
    },
    err(text) {
      ctx.stderrText += text;
    },
    tx(fn) {
      return withLock(dir, () => {
        const s = loadState(dir);
        const before = JSON.stringify(s);
        const r = fn(s);
        if (JSON.stringify(s) !== before) {
          saveState(dir, s);
          if (root) syncZoneFiles(root, s);
        }
        return r;
      });
    },
    read() {
      return withLock(dir, () => loadState(dir));
    },
    sleep(ms) {
      sleepSync(ms);
    },
    stdin() {
      if (ctx.stdinText === null) ctx.stdinText = readStdin();
      return ctx.stdinText;
    },
    path(p) {
      return path.resolve(cwd, p);
    },
  };
  return ctx;
}
