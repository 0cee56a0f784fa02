// POSIX getopt(3C) as the illumos tools use it: stops at the first operand or `--`.

export interface GetoptResult {
  opts: Array<[string, string | undefined]>;
  operands: string[];
  /** `illegal option -- x` / `option requires an argument -- x` */
  error?: { kind: 'illegal' | 'missing'; letter: string };
}

export function getopt(args: string[], spec: string): GetoptResult {
  const opts: Array<[string, string | undefined]> = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const letter = a[j] ?? '';
      const at = spec.indexOf(letter);
      if (at < 0 || letter === ':') return { opts, operands: [], error: { kind: 'illegal', letter } };
      if (spec[at + 1] === ':') {
        let value: string | undefined = a.slice(j + 1);
        if (value === '') {
          i++;
          value = args[i];
          if (value === undefined) return { opts, operands: [], error: { kind: 'missing', letter } };
        }
        opts.push([letter, value]);
        break;
      }
      opts.push([letter, undefined]);
    }
  }
  return { opts, operands: args.slice(i) };
}

export function has(r: GetoptResult, letter: string): boolean {
  return r.opts.some(([l]) => l === letter);
}

export function optValue(r: GetoptResult, letter: string): string | undefined {
  let v: string | undefined;
  for (const [l, val] of r.opts) if (l === letter) v = val;
  return v;
}

export function optValues(r: GetoptResult, letter: string): string[] {
  return r.opts.filter(([l]) => l === letter).map(([, v]) => v ?? '');
}
