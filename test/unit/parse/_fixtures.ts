// Recorded illumos command outputs, found by walking up to the repository root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../repo.ts';


/** Text of test/fixtures/illumos/<rel>. */
export function fixture(rel: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'illumos', rel), 'utf8');
}

/** Whether test/fixtures/illumos/<rel> exists. */
export function hasFixture(rel: string): boolean {
  return fs.existsSync(path.join(repoRoot(), 'test', 'fixtures', 'illumos', rel));
}
