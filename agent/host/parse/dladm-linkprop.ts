// `dladm show-linkprop -c -o link,property,value -p maxbw,priority` over all
// links. Strict: a malformed line or maxbw value throws ParseError.
import { ParseError } from './errors.ts';
import { parsableRows } from './dladm.ts';

/** The bandwidth properties of one link, in output order. */
export interface LinkBandwidth {
  link: string;
  /** bits per second; undefined when unset */
  maxbw?: number;
  priority?: string;
}

/**
 * dladm prints maxbw in Mb/s with `%5u`, or `%5u.%03u` / `0.%03u` when there are
 * whole kb/s left over (dladm_bw2str); empty when unset.
 */
export function parseMaxbw(value: string): number | undefined {
  const v = value.trim();
  if (v === '' || v === '--' || v === '?') return undefined;
  const m = /^([0-9]+)(?:\.([0-9]{3}))?$/.exec(v);
  if (!m) throw new ParseError(`maxbw: not a bandwidth: '${value}'`);
  return Number(m[1]) * 1000000 + (m[2] !== undefined ? Number(m[2]) * 1000 : 0);
}

/**
 * One entry per link occurrence: on SmartOS several zones may each own a `net0`,
 * so a link name can come back more than once; a repeated property starts the
 * next occurrence.
 */
export function parseShowLinkprop(stdout: string): LinkBandwidth[] {
  const out: LinkBandwidth[] = [];
  let cur: LinkBandwidth | undefined;
  let seen: Record<string, true> = {};
  parsableRows(stdout, 3, 'show-linkprop').forEach(([link, prop, value], i) => {
    const name = link as string;
    const p = prop as string;
    if (!cur || cur.link !== name || seen[p]) {
      cur = { link: name };
      seen = {};
      out.push(cur);
    }
    seen[p] = true;
    if (p === 'maxbw') {
      let bw: number | undefined;
      try {
        bw = parseMaxbw(value as string);
      } catch (e) {
        throw new ParseError((e as Error).message, i + 1);
      }
      if (bw !== undefined) cur.maxbw = bw;
    } else if (p === 'priority') {
      const v = (value as string).trim();
      if (v !== '' && v !== '--' && v !== '?') cur.priority = v;
    }
  });
  return out;
}
