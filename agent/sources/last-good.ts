// The last known good profile: kept on the system pool after a converged run
// (<pool mountpoint>/kiln/last-good.yaml + last-good.sha256, the pool's
// default mountpoint /<pool>), and found again by looking under every
// imported pool: one `zpool list` and a file read per pool.
import type { Runner } from '../host/runner.ts';
import type { Files } from '../io/types.ts';
import { poolStateDir, writeAtomic } from '../report/write.ts';
import type { Devices } from './block.ts';
import { sha256Hex } from './integrity.ts';
import { stringBuffer } from '../io/buffers.ts';

export interface LastGood {
  source: string;
  label: string;
  bytes: Buffer;
}

/** `zpool list -H -o name`: one pool per line. Pure. */
export function poolNames(stdout: string): string[] {
  return stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Za-z][A-Za-z0-9_.:-]*$/.test(l));
}

/**
 * The first imported pool holding a last-good profile whose sha256 file
 * matches it. `notes` says what was passed over and why.
 */
export async function findLastGood(runner: Runner, devices: Devices, root: string, timeoutMs: number): Promise<{ found?: LastGood; notes: string[] }> {
  const notes: string[] = [];
  const r = await runner.run({ argv: ['zpool', 'list', '-H', '-o', 'name'], timeoutMs });
  if (r.code !== 0) return { notes: [`zpool list: ${r.spawnError || (r.timedOut ? 'timed out' : `exit ${r.code}`)}`] };
  for (const pool of poolNames(r.stdout)) {
    const dir = poolStateDir(root, pool);
    let bytes: Buffer | null;
    let sum: Buffer | null;
    try {
      bytes = await devices.readBytes(`${dir}/last-good.yaml`);
      sum = bytes === null ? null : await devices.readBytes(`${dir}/last-good.sha256`);
    } catch (e) {
      notes.push(`${dir}: ${(e as Error).message}`);
      continue;
    }
    if (bytes === null) continue;
    const want = sum === null ? '' : sum.toString('utf8').trim().slice(0, 64);
    if (sha256Hex(bytes) !== want) {
      notes.push(`${dir}/last-good.yaml does not match last-good.sha256; not used`);
      continue;
    }
    return { found: { source: `last-good:${dir}/last-good.yaml`, label: `${dir}/last-good.yaml`, bytes }, notes };
  }
  return { notes };
}

/** Keep a converged profile as the last good one (each file written atomically, the hash last). */
export async function saveLastGood(files: Files, root: string, pool: string, text: string): Promise<string> {
  const dir = poolStateDir(root, pool);
  await writeAtomic(files, `${dir}/last-good.yaml`, text);
  await writeAtomic(files, `${dir}/last-good.sha256`, sha256Hex(stringBuffer(text, 'utf8')) + '\n');
  return `${dir}/last-good.yaml`;
}
