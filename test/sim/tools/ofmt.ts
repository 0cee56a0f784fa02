// libofmt output as dladm uses it: fixed-width human columns (a value that
// overflows its column is paid back by the next columns), or `:`-separated
// parsable fields with `\:` escaping when several fields are printed.
import { escapeParsable, padRight } from '../format.ts';

export interface FieldDef {
  name: string;
  /** of_width: column width without the separating blank */
  width: number;
}

export type Row = Record<string, string>;

/** Resolve `-o a,b,c` against the known fields; returns the unknown name on failure. */
export function pickFields(all: FieldDef[], spec: string | undefined): FieldDef[] | { unknown: string } {
  if (spec === undefined || spec === 'all') return all;
  const out: FieldDef[] = [];
  for (const name of spec.split(',')) {
    const f = all.find((x) => x.name === name.toLowerCase());
    if (!f) return { unknown: name };
    out.push(f);
  }
  return out;
}

export function ofmtHuman(fields: FieldDef[], rows: Row[], header = true): string {
  const lines: string[] = [];
  const render = (cells: string[]): string => {
    let overflow = 0;
    let line = '';
    cells.forEach((v, i) => {
      const last = i === cells.length - 1;
      let width = fields[i]?.width ?? 0;
      if (v.length > width) overflow += v.length - width;
      else if (overflow > 0) {
        const give = Math.min(overflow, width - v.length);
        overflow -= give;
        width -= give;
      }
      line += last ? v : `${padRight(v, width)} `;
    });
    return line;
  };
  // The header comes with the first row and again every 24 rows (no terminal size); no rows, no header.
  rows.forEach((r, i) => {
    if (header && i % 24 === 0) lines.push(render(fields.map((f) => f.name.toUpperCase())));
    lines.push(render(fields.map((f) => (r[f.name] ?? '') || '--')));
  });
  return lines.map((l) => `${l}\n`).join('');
}

export function ofmtParsable(fields: FieldDef[], rows: Row[]): string {
  const multi = fields.length > 1;
  return rows.map((r) => fields.map((f) => escapeParsable(r[f.name] ?? '', multi)).join(':') + '\n').join('');
}
