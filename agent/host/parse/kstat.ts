// `kstat -p module:instance:name:statistic...`: `<key>\t<value>` per line.
// Strict: a line without a TAB throws ParseError; unknown statistics are kept.
import type { ArcFacts } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';

/**
 * unix:0:system_pages has no pagesize statistic (kstat_fr.c), so physmem pages are
 * converted with the x86 base page size. [UNCERTAIN on other architectures]
 */
export const PAGE_SIZE = 4096;

/** Statistic key → value text. */
export function parseKstat(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  outputLines(stdout).forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new ParseError(`expected '<statistic>\\t<value>': '${line}'`, i + 1);
    out[line.slice(0, tab)] = line.slice(tab + 1);
  });
  return out;
}

/** ARC limits and physical memory, all in bytes. */
export function parseKstatArc(stdout: string): ArcFacts {
  const s = parseKstat(stdout);
  const arc: ArcFacts = {};
  const num = (key: string): number | undefined => {
    const v = s[key];
    return v === undefined ? undefined : parseCount(v.trim(), key);
  };
  const cMax = num('zfs:0:arcstats:c_max');
  const size = num('zfs:0:arcstats:size');
  const pages = num('unix:0:system_pages:physmem');
  if (cMax !== undefined) arc.c_max = cMax;
  if (size !== undefined) arc.size = size;
  if (pages !== undefined) arc.physmem = pages * PAGE_SIZE;
  return arc;
}
