// dladm (and zoneadm) parsable output: fields separated by `:`; with more than
// one field requested, `:` and `\` inside a value are escaped with `\`.
import { ParseError, outputLines } from './errors.ts';

/** Split one parsable line into fields, undoing `\:` and `\\`. */
export function splitParsable(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length) {
      const next = line.charAt(i + 1);
      if (next === ':' || next === '\\') {
        cur += next;
        i++;
        continue;
      }
    }
    if (c === ':') {
      fields.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  fields.push(cur);
  return fields;
}

/** Every line split into exactly `count` fields, or a ParseError naming the line. */
export function parsableRows(stdout: string, count: number, what: string): string[][] {
  return outputLines(stdout).map((line, i) => {
    const f = splitParsable(line);
    if (f.length !== count) {
      throw new ParseError(`${what}: expected ${count} fields, got ${f.length}: '${line}'`, i + 1);
    }
    return f;
  });
}

/** Link names: alphanumerics, `_` and `.`, not starting with a digit. */
export function isLinkName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && name.length < 32;
}
