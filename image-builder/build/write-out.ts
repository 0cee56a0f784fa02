// Writes the build output all at once: into a temporary sibling of --out, then
// one rename, so a failed build leaves neither a half-written tree nor a
// damaged previous build.
import * as path from 'node:path';
import type { OutFile } from '../formats/types.ts';
import type { BuildFs } from './fs.ts';

export class OutDirError extends Error {}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function exists(fs: BuildFs, p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch (e) {
    if (code(e) === 'ENOENT') return false;
    throw e;
  }
}

/** An existing --out may be replaced only when it is empty or an earlier kiln build. */
async function checkReplaceable(fs: BuildFs, out: string): Promise<void> {
  const st = await fs.lstat(out);
  if (!st.isDirectory()) throw new OutDirError(`--out ${out} exists and is not a directory`);
  const names = await fs.readdir(out);
  if (names.length && names.indexOf('build.json') < 0) {
    throw new OutDirError(`--out ${out} is a non-empty directory without build.json; kiln replaces only its own earlier output (choose another --out or empty it)`);
  }
}

/** Write `files` (in order, so the last one lands last) as the new content of `out`. */
export async function writeOutDir(fs: BuildFs, out: string, files: OutFile[]): Promise<void> {
  const abs = path.resolve(out);
  const replacing = await exists(fs, abs);
  if (replacing) await checkReplaceable(fs, abs);
  const tag = `${path.basename(abs)}.kiln-${process.pid}`;
  const tmp = path.join(path.dirname(abs), `.${tag}.tmp`);
  const old = path.join(path.dirname(abs), `.${tag}.old`);
  await fs.rm(tmp, { recursive: true, force: true });
  try {
    await fs.mkdir(tmp, { recursive: true });
    for (const f of files) {
      const p = path.join(tmp, f.path);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, f.data, { mode: 0o644 });
    }
    if (replacing) await fs.rename(abs, old);
    try {
      await fs.rename(tmp, abs);
    } catch (e) {
      if (replacing) await fs.rename(old, abs);
      throw e;
    }
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (replacing) await fs.rm(old, { recursive: true, force: true });
}
