// Paths into the repository, found by walking up to its package.json, so the
// built tests run from .test-out/ as well as from a bundle elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../repo.ts';

export { repoRoot };

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
