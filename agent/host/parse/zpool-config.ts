// The `config:` tree shared by `zpool import` and `zpool status`: each row is a
// TAB, two spaces per level, the vdev name, then state/counters/aux text.
// Section headers (logs, cache, spares, special, dedup) sit at level 0.

/** One row of a config tree. */
export interface ConfigRow {
  /** leading spaces after the TAB: 0 for the pool and section headers */
  depth: number;
  name: string;
  /** the words after the name: state, counters, aux text */
  rest: string[];
}

/** A config row from a TAB-led line, or undefined when the line is not one. */
export function configRow(line: string): ConfigRow | undefined {
  if (line.charAt(0) !== '\t') return undefined;
  const body = line.slice(1);
  const m = /^( *)(\S+)(.*)$/.exec(body);
  if (!m) return undefined;
  const rest = (m[3] as string).trim();
  return { depth: (m[1] as string).length, name: m[2] as string, rest: rest === '' ? [] : rest.split(/\s+/) };
}

/**
 * Leaf devices: rows below level 0 with no deeper row right after them. This
 * covers data vdevs, logs, cache and spares alike; interior vdevs (mirror-0,
 * raidz2-0, spare-1, replacing-0) always have children.
 */
export function leafDisks(rows: ConfigRow[]): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (r.depth > 0 && (!next || next.depth <= r.depth) && out.indexOf(r.name) < 0) out.push(r.name);
  });
  return out;
}
