// `zoneadm list -cp`: zoneid:zonename:state:zonepath:uuid:brand:ip-type[:debugid],
// `:` in the zonepath escaped as `\:`. Strict: bad field count or state throws.
import type { ZoneFact, ZoneState } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';
import { splitParsable } from './dladm.ts';

const STATES: ZoneState[] = [
  'configured',
  'incomplete',
  'installed',
  'ready',
  'running',
  'shutting_down',
  'down',
  'mounted',
];

/** Every zone, global included, in zoneadm's order. */
export function parseZoneadmList(stdout: string): ZoneFact[] {
  return outputLines(stdout).map((line, i) => {
    const f = splitParsable(line);
    // 8 fields on current illumos; 7 before debugid was added
    if (f.length !== 8 && f.length !== 7) {
      throw new ParseError(`expected 8 fields, got ${f.length}: '${line}'`, i + 1);
    }
    const [id, name, state, zonepath, uuid, brand, ipType] = f as string[];
    if (!name) throw new ParseError(`empty zone name: '${line}'`, i + 1);
    if (STATES.indexOf(state as ZoneState) < 0) throw new ParseError(`unknown zone state '${state}'`, i + 1);
    const z: ZoneFact = {
      name,
      state: state as ZoneState,
      zonepath: zonepath as string,
      uuid: uuid as string,
      brand: brand as string,
      ipType: ipType as string,
    };
    if (id !== '-') z.id = parseCount(id as string, 'zoneid', i + 1);
    return z;
  });
}
