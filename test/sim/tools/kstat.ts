// kstat -p [module:instance:name:statistic ...] and -m/-i/-n/-s selectors (§9).
import type { Ctx } from '../ctx.ts';
import { getopt, has, optValue } from '../getopt.ts';

/** kstat selectors: empty or `*` match anything, shell globs, `/regex/`. */
function matcher(pat: string | undefined): (v: string) => boolean {
  if (pat === undefined || pat === '' || pat === '*') return () => true;
  if (pat.length > 1 && pat.startsWith('/') && pat.endsWith('/')) {
    const re = new RegExp(pat.slice(1, -1));
    return (v) => re.test(v);
  }
  const re = new RegExp('^' + pat.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return (v) => re.test(v);
}

export function kstat(ctx: Ctx): number {
  const g = getopt(ctx.args, ':pqlcjm:i:n:s:T:');
  if (g.error) {
    ctx.err(`kstat: illegal option -- ${g.error.letter}\n`);
    return 2;
  }
  const specs: Array<Array<string | undefined>> =
    g.operands.length > 0
      ? g.operands.filter((o) => !/^\d+$/.test(o)).map((o) => o.split(':'))
      : [[optValue(g, 'm'), optValue(g, 'i'), optValue(g, 'n'), optValue(g, 's')]];
  const s = ctx.read();
  const keys = Object.keys(s.kstat).sort();
  const hits: string[] = [];
  for (const spec of specs) {
    const ms = [0, 1, 2, 3].map((i) => matcher(spec[i]));
    for (const k of keys) {
      const parts = k.split(':');
      if (parts.length === 4 && ms.every((m, i) => m(parts[i] ?? '')) && !hits.includes(k)) hits.push(k);
    }
  }
  if (hits.length === 0) return 1;
  // kstat sorts the selected kstats by module:instance:name whatever the operand order
  // [UNCERTAIN] statistics within one kstat print in name order here, in data order on illumos
  hits.sort();
  if (has(g, 'q')) return 0;
  if (has(g, 'p') || has(g, 'l')) {
    ctx.out(hits.map((k) => (has(g, 'l') ? `${k}\n` : `${k}\t${s.kstat[k]}\n`)).join(''));
    return 0;
  }
  // [UNCERTAIN] human layout; the agent parses -p only.
  let last = '';
  let out = '';
  for (const k of hits) {
    const [m, i, n, st] = k.split(':');
    const head = `${m}:${i}:${n}`;
    if (head !== last) {
      out += `${out ? '\n' : ''}module: ${m}                          instance: ${i}\nname:   ${n}                        class:    misc\n`;
      last = head;
    }
    out += `\t${(st ?? '').padEnd(32)}${s.kstat[k]}\n`;
  }
  ctx.out(out + '\n');
  return 0;
}
