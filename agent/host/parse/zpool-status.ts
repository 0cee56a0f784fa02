// `zpool status` (all pools): only the leaf disks of each pool's config tree.
// Strict: output with no `pool:` header (other than "no pools available") throws.
import { ParseError, outputLines } from './errors.ts';
import { configRow, leafDisks } from './zpool-config.ts';
import type { ConfigRow } from './zpool-config.ts';

const POOL = /^ *pool: (\S+)\s*$/;

/** pool name → its leaf device names (data, logs, cache, spares). */
export function parseZpoolStatus(stdout: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const lines = outputLines(stdout);
  if (lines.length === 1 && (lines[0] as string).trim() === 'no pools available') return out;
  let pool: string | undefined;
  let rows: ConfigRow[] = [];
  let inConfig = false;
  const flush = (): void => {
    if (pool !== undefined) out[pool] = leafDisks(rows);
  };
  lines.forEach((line, i) => {
    const m = POOL.exec(line);
    if (m) {
      flush();
      pool = m[1] as string;
      rows = [];
      inConfig = false;
      return;
    }
    if (pool === undefined) {
      if (line.trim() !== '') throw new ParseError(`unexpected line before 'pool:': '${line}'`, i + 1);
      return;
    }
    if (/^ *config:/.test(line)) {
      inConfig = true;
      return;
    }
    if (/^ *errors:/.test(line)) {
      inConfig = false;
      return;
    }
    if (!inConfig) return; // state, status, action, see, scan and their continuations
    const row = configRow(line);
    if (!row) return;
    // the column header row comes first: NAME STATE READ WRITE CKSUM
    if (rows.length === 0 && row.name === 'NAME' && row.rest[0] === 'STATE') return;
    rows.push(row);
  });
  flush();
  return out;
}
