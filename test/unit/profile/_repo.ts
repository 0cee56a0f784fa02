// Paths into the repository, found by walking up to its package.json, so the
// built tests run from .test-out/ as well as from a bundle elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findUp(start: string): string | undefined {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return dir;
}

/** From the test's own directory, else (a bundle in /tmp) from the working directory. */
export function repoRoot(): string {
  const root = findUp(__dirname) || findUp(process.cwd());
  if (!root) throw new Error(`package.json not found above ${__dirname} or ${process.cwd()}`);
  return root;
}

/** Sorted paths of the files in <repo>/<rel> whose names end with one of `suffixes`. */
export function filesIn(rel: string, suffixes: readonly string[]): string[] {
  const dir = path.join(repoRoot(), rel);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => suffixes.some((s) => n.endsWith(s)))
    .sort()
    .map((n) => path.join(dir, n));
}
