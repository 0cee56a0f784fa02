// Read the boot line: on illumos `bootparams` through the Runner (found on
// PATH like every tool), on Linux <root>/proc/cmdline.
import type { Runner } from '../host/runner.ts';
import type { Files } from '../io/types.ts';
import type { BootParams } from './boot-line.ts';
import { parseBootparams, parseCmdline } from './boot-line.ts';
import { rootPath } from './local.ts';

export type PlatformName = 'illumos' | 'linux';

export interface BootLine {
  params: BootParams;
  /** why the boot line could not be read (the run goes on without it) */
  error?: string;
}

export async function readBootLine(platform: PlatformName, runner: Runner, files: Files, root: string, timeoutMs: number): Promise<BootLine> {
  if (platform === 'linux') {
    const p = rootPath(root, '/proc/cmdline');
    try {
      const text = await files.readText(p);
      return text === null ? { params: {}, error: `${p} does not exist` } : { params: parseCmdline(text) };
    } catch (e) {
      return { params: {}, error: `${p}: ${(e as Error).message}` };
    }
  }
  const r = await runner.run({ argv: ['bootparams'], timeoutMs });
  if (r.code !== 0) return { params: {}, error: `bootparams: ${r.spawnError || (r.timedOut ? 'timed out' : `exit ${r.code}`)}` };
  return { params: parseBootparams(r.stdout) };
}
