// Helpers for the sim's own tests: temporary hosts and running the tools.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SimHost } from './host.ts';
import type { PresetName, SimHostOptions } from './host.ts';
import { fixturesDir } from './paths.ts';
import type { SimState } from './state.ts';

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tmpDir(prefix = 'kiln-sim-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tmpHost(seed: SimState | PresetName, opts: SimHostOptions = {}): SimHost {
  return SimHost.create(tmpDir(), seed, opts);
}

export function sim(host: SimHost, argv: string[], input?: string): Result {
  const [tool = '', ...args] = argv;
  const r = spawnSync(path.join(host.binDir, tool), args, { env: host.env(), input: input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Async variant (parallel calls, timeouts). Kills the process group on timeout. */
export function simAsync(host: SimHost, argv: string[], timeoutMs = 20000): Promise<Result & { timedOut: boolean }> {
  const [tool = '', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(path.join(host.binDir, tool), args, { env: host.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const t = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Expected stdout/stderr/exit code of a captured fixture (`.txt`, `.stderr`, `.rc`). */
export function fixture(rel: string): Result {
  const base = path.join(fixturesDir(), rel);
  const read = (ext: string): string | undefined => (fs.existsSync(base + ext) ? fs.readFileSync(base + ext, 'utf8') : undefined);
  return { stdout: read('.txt') ?? '', stderr: read('.stderr') ?? '', code: Number((read('.rc') ?? '0').trim()) };
}
