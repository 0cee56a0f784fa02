// Where the repository's sim files live, found by walking up to package.json
// (bundled tests run from .test-out/, not from test/sim/).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function repoRoot(): string {
  const starts = [typeof __dirname === 'string' ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'sim'))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('kiln sim: cannot find the repository root (package.json with test/sim)');
}

export function simBinDir(): string {
  return path.join(repoRoot(), 'test', 'sim', 'bin');
}

export function fixturesDir(): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'illumos');
}

export function fixtureText(rel: string): string {
  return fs.readFileSync(path.join(fixturesDir(), rel), 'utf8');
}
