// Starting and stopping a sim server for a SimHost (synchronously, as the
// rest of SimHost is): spawn `node dist/sim.cjs --serve CTL`, wait for its pid
// file, and on close SIGTERM it and remove CTL.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleepSync } from './lock.ts';
import { repoRoot } from './paths.ts';
import { layout } from './server-layout.ts';

export interface ServerOptions {
  /** max worker threads (default 32) */
  workers?: number;
  /** threads started (and warmed up) before the server reports ready (default 12) */
  prestart?: number;
  /** exit after this long without a call (default 10 min) */
  idleMs?: number;
}

export interface RunningServer {
  ctl: string;
  pid: number;
}

function waitFor(ok: () => boolean, ms: number): boolean {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    sleepSync(5);
  }
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function startServer(ctl: string, node: string, opts: ServerOptions = {}): RunningServer {
  const L = layout(ctl);
  fs.rmSync(ctl, { recursive: true, force: true });
  fs.mkdirSync(ctl, { recursive: true });
  const log = fs.openSync(L.log, 'a');
  const args = [path.join(repoRoot(), 'dist', 'sim.cjs'), '--serve', ctl];
  if (opts.workers !== undefined) args.push('--workers', String(opts.workers));
  if (opts.prestart !== undefined) args.push('--prestart', String(opts.prestart));
  if (opts.idleMs !== undefined) args.push('--idle-ms', String(opts.idleMs));
  // Not detached: it shares our process group (a ^C reaches it), but unref'd
  // with no pipes to us, so it never keeps a test process alive.
  const child = spawn(node, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.unref();
  const pid = child.pid;
  if (pid === undefined || !waitFor(() => fs.existsSync(L.pid) || !alive(pid), 15_000) || !fs.existsSync(L.pid)) {
    if (pid !== undefined) stopServer({ ctl, pid });
    throw new Error(`kiln sim: the server in ${ctl} did not start:\n${fs.existsSync(L.log) ? fs.readFileSync(L.log, 'utf8') : ''}`);
  }
  return { ctl, pid };
}

/** SIGTERM, wait for it to let go (it removes its pid file), then remove CTL. */
export function stopServer(s: RunningServer): void {
  const L = layout(s.ctl);
  try {
    process.kill(s.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  if (!waitFor(() => !fs.existsSync(L.pid), 5000)) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  fs.rmSync(s.ctl, { recursive: true, force: true });
}
