// Shared by the builder tests: the repo root, temp dirs, and a buildCommand
// call that captures what it prints.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildOptions } from '../../image-builder/commands/build.ts';
import { buildCommand } from '../../image-builder/commands/build.ts';
import type { BuildFs } from '../../image-builder/build/fs.ts';
import { repoRoot } from '../repo.ts';
export { repoRoot };


export const ROOT = repoRoot();
export const AGENT = path.join(ROOT, 'dist', 'kiln-agent.js');
export const HOME_LAB = path.join(ROOT, 'profiles', 'home-lab.yaml');
export const CI = process.env.CI === 'true';

const tmpDirs: string[] = [];
process.on('exit', () => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temp dir, removed when the process exits. */
export function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `kiln-${tag}-`));
  tmpDirs.push(d);
  return d;
}

export interface BuildRun {
  code: number;
  out: string;
  err: string;
}

export async function runBuild(opts: Partial<BuildOptions> & { out: string }, fsImpl?: BuildFs): Promise<BuildRun> {
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
  const full: BuildOptions = { profile: HOME_LAB, target: 'smartos', agent: AGENT, sourceDateEpoch: 0, ...opts };
  const code = await buildCommand(full, io, fsImpl);
  return { code, out, err };
}

/** A minimal valid profile with extra YAML appended (e.g. a files: list). */
export function profileText(extra = ''): string {
  return ['apiVersion: kiln/v1', 'kind: Host', 'metadata: { name: t1 }', 'pools: [ { name: zones } ]', extra, ''].join('\n');
}

/** Every file under dir, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
