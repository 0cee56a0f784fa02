// The repository root, for tests, benchmarks and scripts: bundles run from
// .test-out/ (or /tmp), so walk up from the bundle, then from the working
// directory, to kiln's package.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

function isKiln(dir: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'kiln';
  } catch {
    return false;
  }
}

export function repoRoot(): string {
  const starts = [typeof __dirname === 'string' ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      if (isKiln(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`kiln's package.json not found above ${starts.join(' or ')}`);
}
