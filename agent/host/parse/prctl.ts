// `prctl -P -i zone <zone>...`: a `zone: <id>: <name>` line, then one
// `<rctl> <priv> <value> <flag> <action> <recipient>` line per value. Strict:
// any other line throws ParseError.
import type { LiveRctls } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';

const PRIVS = ['usage', 'basic', 'privileged', 'system'];

/** zone name → rctl → its first privileged value, in base units. */
export function parsePrctl(stdout: string): Record<string, LiveRctls> {
  const out: Record<string, LiveRctls> = {};
  let zone: LiveRctls | undefined;
  outputLines(stdout).forEach((line, i) => {
    if (line.trim() === '') return;
    const head = /^zone: *([0-9]+): *(\S+)\s*$/.exec(line);
    if (head) {
      const name = head[2] as string;
      zone = out[name] || (out[name] = {});
      return;
    }
    const f = line.trim().split(/\s+/);
    if (f.length !== 6) throw new ParseError(`unexpected line: '${line}'`, i + 1);
    if (!zone) throw new ParseError(`rctl line before any 'zone:' header: '${line}'`, i + 1);
    const [rctl, priv, value] = f as [string, string, string];
    if (PRIVS.indexOf(priv) < 0) throw new ParseError(`unknown privilege '${priv}'`, i + 1);
    const n = parseCount(value, rctl, i + 1);
    // usage and system values are not what a profile sets; -r replaces the first privileged one
    if (priv === 'privileged' && zone[rctl] === undefined) zone[rctl] = n;
  });
  return out;
}
