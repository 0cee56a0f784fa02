// `zpool list -H -p -o name,size,health,guid`. Strict: a line without four
// TAB-separated fields or with a non-numeric guid throws ParseError.
import type { ImportedPool } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';

/** Imported pools; disks stay empty until `zpool status` fills them in. */
export function parseZpoolList(stdout: string): ImportedPool[] {
  return outputLines(stdout).map((line, i) => {
    const f = line.split('\t');
    if (f.length !== 4) throw new ParseError(`expected 4 fields, got ${f.length}: '${line}'`, i + 1);
    const [name, size, health, guid] = f as [string, string, string, string];
    if (!/^[0-9]+$/.test(guid)) throw new ParseError(`guid: not a number: '${guid}'`, i + 1);
    return {
      name,
      // a FAULTED pool prints `-` for its size
      size: size === '-' ? 0 : parseCount(size, 'size', i + 1),
      health,
      guid,
      disks: [],
    };
  });
}
