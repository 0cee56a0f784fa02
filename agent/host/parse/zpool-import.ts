// `zpool import` (no arguments): the pools that could be imported. Strict: a
// line that is neither a header, a continuation, nor a config row throws.
import type { ImportablePool } from '../facts.ts';
import { ParseError, outputLines } from './errors.ts';
import { configRow, leafDisks } from './zpool-config.ts';
import type { ConfigRow } from './zpool-config.ts';

interface Draft {
  fields: Record<string, string>;
  rows: ConfigRow[];
  line: number;
}

// Labels are right-aligned to 7 columns (` action: `); older builds used 6.
const LABEL = /^ {0,8}([a-z]+):(?: (.*))?$/;

function finish(d: Draft): ImportablePool {
  const name = d.fields['pool'];
  const id = d.fields['id'];
  const state = d.fields['state'];
  if (!name || !id || !/^[0-9]+$/.test(id) || !state) {
    throw new ParseError('pool entry without pool, numeric id and state', d.line);
  }
  const status = d.fields['status'] || '';
  const action = d.fields['action'] || '';
  return {
    name,
    id,
    state: state.split(' ')[0] as string,
    foreign: /another system/.test(status) || /'-f' flag/.test(action),
    importable: !/cannot be imported/.test(action),
    disks: leafDisks(d.rows),
  };
}

/** Parse the listing; empty stdout (stderr `no pools available to import`) → []. */
export function parseZpoolImport(stdout: string): ImportablePool[] {
  const pools: ImportablePool[] = [];
  let cur: Draft | undefined;
  let lastLabel = '';
  let inConfig = false;
  outputLines(stdout).forEach((line, i) => {
    if (line.trim() === '') return;
    const label = LABEL.exec(line);
    if (label) {
      const key = label[1] as string;
      const value = (label[2] || '').trim();
      if (key === 'pool') {
        if (cur) pools.push(finish(cur));
        cur = { fields: {}, rows: [], line: i + 1 };
        inConfig = false;
      } else if (!cur) {
        throw new ParseError(`'${key}:' before any 'pool:'`, i + 1);
      }
      cur.fields[key] = value;
      lastLabel = key;
      if (key === 'config') inConfig = true;
      return;
    }
    if (cur && line.charAt(0) === '\t') {
      if (inConfig) {
        const row = configRow(line);
        if (row) cur.rows.push(row);
      } else {
        // continuation of a wrapped status/action text
        cur.fields[lastLabel] = `${cur.fields[lastLabel] || ''} ${line.trim()}`.trim();
      }
      return;
    }
    throw new ParseError(`unexpected line: '${line}'`, i + 1);
  });
  if (cur) pools.push(finish(cur));
  return pools;
}
