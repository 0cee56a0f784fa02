// dladm show-phys, show-link, show-vnic, show-etherstub, show-linkprop (§3.2).
import type { Ctx } from '../ctx.ts';
import { getopt, has, optValue } from '../getopt.ts';
import type { Link, SimState } from '../state.ts';
import type { FieldDef, Row } from './ofmt.ts';
import { ofmtHuman, ofmtParsable, pickFields } from './ofmt.ts';

const PHYS: FieldDef[] = [
  { name: 'link', width: 12 },
  { name: 'media', width: 20 },
  { name: 'state', width: 10 },
  { name: 'speed', width: 6 },
  { name: 'duplex', width: 9 },
  { name: 'device', width: 12 },
  { name: 'flags', width: 6 },
];
const PHYS_MAC: FieldDef[] = [
  { name: 'link', width: 15 },
  { name: 'slot', width: 12 },
  { name: 'address', width: 20 },
  { name: 'inuse', width: 8 },
  { name: 'client', width: 12 },
];
const LINK: FieldDef[] = [
  { name: 'link', width: 11 },
  { name: 'class', width: 9 },
  { name: 'mtu', width: 6 },
  { name: 'state', width: 8 },
  { name: 'bridge', width: 10 },
  { name: 'over', width: 30 },
];
const VNIC: FieldDef[] = [
  { name: 'link', width: 12 },
  { name: 'over', width: 10 },
  { name: 'speed', width: 5 },
  { name: 'macaddress', width: 17 },
  { name: 'macaddrtype', width: 11 },
  { name: 'vid', width: 4 },
  { name: 'zone', width: 12 },
];
const STUB: FieldDef[] = [{ name: 'link', width: 11 }];
// [UNCERTAIN] show-linkprop human widths
const LINKPROP: FieldDef[] = [
  { name: 'link', width: 12 },
  { name: 'property', width: 15 },
  { name: 'perm', width: 4 },
  { name: 'value', width: 14 },
  { name: 'default', width: 14 },
  { name: 'possible', width: 20 },
];

function speedOf(s: SimState, l: Link): number {
  if (l.class === 'phys') return l.speed ?? 0;
  if (l.class === 'vnic') {
    const over = s.links.find((x) => x.name === l.over && !x.nsZone);
    return over ? speedOf(s, over) : 0;
  }
  return 0;
}

/** Print a table: parsable needs -o; unknown fields are fatal there and warnings otherwise. */
function emit(ctx: Ctx, all: FieldDef[], rows: Row[], parsable: boolean, spec: string | undefined, needOMsg: string, defaults = all): number {
  if (parsable && spec === undefined) {
    ctx.err(`dladm: ${needOMsg}\n`);
    return 1;
  }
  let fields: FieldDef[] = [];
  if (spec === undefined) fields = defaults;
  else {
    for (const name of spec.split(',')) {
      const picked = pickFields(all, name);
      if ('unknown' in picked) {
        if (parsable) {
          ctx.err(`dladm: unknown output field: \`${name}'\n`);
          return 1;
        }
        ctx.err(`dladm: warning: ignoring unknown output field: \`${name}'\n`);
        continue;
      }
      fields.push(...picked);
    }
  }
  ctx.out(parsable ? ofmtParsable(fields, rows) : ofmtHuman(fields, rows));
  return 0;
}

export function showPhys(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':pPmHo:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const s = ctx.read();
  let links = s.links.filter((l) => l.class === 'phys');
  const [only] = g.operands;
  if (only !== undefined) {
    links = links.filter((l) => l.name === only);
    if (links.length === 0) {
      ctx.err(`dladm: invalid link name '${only}'\n`);
      return 1;
    }
  }
  if (has(g, 'm')) {
    // [UNCERTAIN] the primary slot is reported in use by the link itself.
    const rows = links.map((l) => ({ link: l.name, slot: 'primary', address: l.mac ?? '', inuse: 'yes', client: l.name }));
    return emit(ctx, PHYS_MAC, rows, has(g, 'p'), optValue(g, 'o'), '-p requires -o');
  }
  const rows = links.map((l) => ({
    link: l.name,
    media: l.media ?? 'Ethernet',
    state: l.state,
    speed: String(l.speed ?? 0),
    duplex: l.duplex ?? 'unknown',
    device: l.device ?? l.name,
    flags: '',
  }));
  // FLAGS is only shown with -P
  return emit(ctx, PHYS, rows, has(g, 'p'), optValue(g, 'o'), '-p requires -o', PHYS.slice(0, 6));
}

export function showLink(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':pPsSio:z:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const s = ctx.read();
  let links = s.links;
  const [only] = g.operands;
  if (only !== undefined) {
    const l = lookupLink(s, only, optValue(g, 'z'));
    links = l ? [l] : [];
    if (links.length === 0) {
      ctx.err(`dladm: link ${only} is not valid: object not found\n`);
      return 1;
    }
  }
  const rows = links.map((l) => ({
    link: l.name,
    class: l.class,
    mtu: String(l.mtu),
    state: l.state,
    bridge: '',
    over: l.over ?? '',
  }));
  return emit(ctx, LINK, rows, has(g, 'p'), optValue(g, 'o'), '-p requires -o');
}

export function showVnic(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':pPsio:l:z:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const s = ctx.read();
  let links = s.links.filter((l) => l.class === 'vnic');
  const over = optValue(g, 'l');
  if (over !== undefined) links = links.filter((l) => l.over === over);
  const zone = optValue(g, 'z');
  if (zone !== undefined) links = links.filter((l) => l.zone === zone);
  const [only] = g.operands;
  if (only !== undefined) {
    const l = lookupLink(s, only, zone);
    links = l && l.class === 'vnic' ? [l] : [];
    if (links.length === 0) {
      ctx.err(`dladm: invalid vnic name '${only}': object not found\n`);
      return 1;
    }
  }
  const rows = links.map((l) => ({
    link: l.name,
    over: l.over ?? '',
    speed: String(speedOf(s, l)),
    macaddress: l.mac ?? '',
    macaddrtype: l.macType ?? 'fixed',
    vid: String(l.vid ?? 0),
    zone: l.zone ?? '--',
  }));
  return emit(ctx, VNIC, rows, has(g, 'p'), optValue(g, 'o'), 'output fields must be specified in parsable mode');
}

export function showEtherstub(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':pZ');
  if (g.error) return badOpt(ctx, g.error.letter);
  const s = ctx.read();
  let stubs = s.links.filter((l) => l.class === 'etherstub');
  const [only] = g.operands;
  if (only !== undefined) {
    stubs = stubs.filter((l) => l.name === only);
    if (stubs.length === 0) {
      ctx.err(`dladm: invalid etherstub name '${only}': object not found\n`);
      return 1;
    }
  }
  const rows = stubs.map((l) => ({ link: l.name }));
  ctx.out(has(g, 'p') ? ofmtParsable(STUB, rows) : ofmtHuman(STUB, rows));
  return 0;
}

/** dladm_bw2str: whole Mb/s as `%5u`, fractions as `%5u.%03u` / `0.%03u`. */
export function bwToString(bps: number): string {
  const mbps = Math.floor(bps / 1000000);
  const kbps = Math.floor((bps % 1000000) / 1000);
  const pad5 = (n: number): string => String(n).padStart(5, ' ');
  if (kbps !== 0) return mbps === 0 ? `0.${String(kbps).padStart(3, '0')}` : `${pad5(mbps)}.${String(kbps).padStart(3, '0')}`;
  return pad5(mbps);
}

export const LINK_PROPS = ['maxbw', 'priority', 'mtu', 'zone'];

function linkProp(l: Link, prop: string): Row {
  const row: Row = { link: l.name, property: prop, perm: 'rw', value: '', default: '', possible: '' };
  switch (prop) {
    case 'maxbw':
      row['value'] = l.maxbw === undefined ? '' : bwToString(l.maxbw);
      break;
    case 'priority':
      row['value'] = l.priority ?? 'high';
      row['default'] = 'high';
      row['possible'] = 'low,medium,high';
      break;
    case 'mtu':
      row['value'] = String(l.mtu);
      row['default'] = '1500';
      break;
    case 'zone':
      row['value'] = l.zone ?? '';
      break;
  }
  return row;
}

export function showLinkprop(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':cPo:p:z:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const s = ctx.read();
  const props = (optValue(g, 'p') ?? LINK_PROPS.join(',')).split(',');
  for (const p of props) {
    if (!LINK_PROPS.includes(p)) {
      ctx.err(`dladm: invalid link property '${p}'\n`);
      return 1;
    }
  }
  const zone = optValue(g, 'z');
  let links = s.links.filter((l) => zone === undefined || l.zone === zone);
  const [only] = g.operands;
  if (only !== undefined) {
    const l = lookupLink(s, only, zone);
    links = l ? [l] : [];
    if (links.length === 0) {
      ctx.err(`dladm: link ${only} is not valid: object not found\n`);
      return 1;
    }
  }
  const rows = links.flatMap((l) => props.map((p) => linkProp(l, p)));
  return emit(ctx, LINKPROP, rows, has(g, 'c'), optValue(g, 'o'), '-c requires -o');
}

/** A link by name: in the given zone, else the GZ's own link, else a zone's link of that name. */
export function lookupLink(s: SimState, name: string, zone?: string): Link | undefined {
  if (zone !== undefined) return s.links.find((l) => l.name === name && l.zone === zone);
  return s.links.find((l) => l.name === name && !l.nsZone) ?? s.links.find((l) => l.name === name);
}

export function badOpt(ctx: Ctx, letter: string): number {
  ctx.err(`dladm: illegal option -- ${letter}\n`);
  return 1;
}
