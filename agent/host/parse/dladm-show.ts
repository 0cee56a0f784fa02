// Parsers for the dladm listings observe runs. All strict: a malformed line
// throws ParseError, because a skipped link would look absent to the planner.
import type { PhysLinkFact, VnicFact } from '../facts.ts';
import { ParseError, outputLines, parseCount } from './errors.ts';
import { isLinkName, parsableRows } from './dladm.ts';
import { normaliseMac } from './mac.ts';

function checkLink(name: string, line: number): string {
  if (!isLinkName(name)) throw new ParseError(`invalid link name '${name}'`, line);
  return name;
}

/** `dladm show-phys -p -o link,media,state,device` → links, with no MACs yet. */
export function parseShowPhys(stdout: string): PhysLinkFact[] {
  return parsableRows(stdout, 4, 'show-phys').map(([link, media, state, device], i) => ({
    link: checkLink(link as string, i + 1),
    media: media as string,
    state: state as string,
    device: device as string,
    macs: [],
  }));
}

/** `dladm show-phys -m -p -o link,address` → link → its normalised MACs, in slot order. */
export function parseShowPhysMacs(stdout: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  parsableRows(stdout, 2, 'show-phys -m').forEach(([link, address], i) => {
    const name = checkLink(link as string, i + 1);
    const list = out[name] || (out[name] = []);
    if (address === '' || address === '--') return; // a slot without an address
    const mac = normaliseMac(address as string);
    if (mac === null) throw new ParseError(`invalid MAC address '${address}'`, i + 1);
    if (list.indexOf(mac) < 0) list.push(mac);
  });
  return out;
}

/** `dladm show-etherstub -p` → etherstub names (one field: nothing is escaped). */
export function parseShowEtherstub(stdout: string): string[] {
  return outputLines(stdout).map((line, i) => checkLink(line, i + 1));
}

/** `dladm show-vnic -p -o link,over,vid,macaddress,zone` → VNICs (no bandwidth yet). */
export function parseShowVnic(stdout: string): VnicFact[] {
  return parsableRows(stdout, 5, 'show-vnic').map(([link, over, vid, address, zone], i) => {
    const mac = normaliseMac(address as string);
    if (mac === null) throw new ParseError(`invalid MAC address '${address}'`, i + 1);
    const v: VnicFact = {
      link: checkLink(link as string, i + 1),
      over: checkLink(over as string, i + 1),
      vid: parseCount(vid as string, 'vid', i + 1),
      mac,
    };
    if (zone !== '--' && zone !== '') v.zone = zone as string;
    return v;
  });
}
