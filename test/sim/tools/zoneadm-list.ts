// zoneadm list [-c] [-i] [-n] [-p | -v] (§4.3).
import type { Ctx } from '../ctx.ts';
import { globalBrand } from '../flavours.ts';
import { padLeft, padRight } from '../format.ts';
import { getopt, has } from '../getopt.ts';
import type { SimState, Zone } from '../state.ts';

interface Line {
  id: string;
  name: string;
  state: string;
  path: string;
  uuid: string;
  brand: string;
  ip: string;
  debugid: string;
}

function lineOf(z: Zone): Line {
  return {
    id: z.id === undefined ? '-' : String(z.id),
    name: z.name,
    state: z.state,
    path: z.config.zonepath ?? '',
    uuid: z.config.uuid ?? '',
    brand: z.config.brand,
    ip: z.config.ipType === 'exclusive' ? 'excl' : 'shared',
    debugid: z.debugid === undefined ? '' : String(z.debugid),
  };
}

/** Kernel zones (global first, by id), then the others in index order. */
export function listOrder(s: SimState): Zone[] {
  const kernel = s.zones.filter((z) => z.id !== undefined).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  return [...kernel, ...s.zones.filter((z) => z.id === undefined)];
}

export function zoneadmList(ctx: Ctx, args: string[], only: string | undefined): number {
  const g = getopt(args, ':cinpv');
  const prefix = only === undefined ? 'zoneadm: ' : `zoneadm: zone '${only}': `;
  if (g.error) {
    ctx.err(`zoneadm: illegal option -- ${g.error.letter}\n`);
    return 2;
  }
  if (has(g, 'p') && has(g, 'v')) {
    ctx.err(`${prefix}list -p and -v are mutually exclusive.\n`);
    return 1;
  }
  const s = ctx.read();
  const global: Line = { id: '0', name: 'global', state: 'running', path: '/', uuid: '', brand: globalBrand(s), ip: 'shared', debugid: '0' };
  let lines: Line[];
  if (only !== undefined) {
    if (only === 'global') lines = [global];
    else {
      const z = s.zones.find((x) => x.name === only);
      if (!z) {
        ctx.err(`zoneadm: ${only}: No such zone configured\n`);
        return 1;
      }
      lines = [lineOf(z)];
    }
  } else {
    const all = has(g, 'c');
    const installed = has(g, 'i');
    const zones = listOrder(s).filter((z) => all || z.id !== undefined || (installed && z.state === 'installed'));
    lines = [...(has(g, 'n') ? [] : [global]), ...zones.map(lineOf)];
  }
  if (has(g, 'p')) {
    ctx.out(lines.map((l) => [l.id, l.name, l.state, l.path.replace(/:/g, '\\:'), l.uuid, l.brand, l.ip, l.debugid].join(':') + '\n').join(''));
  } else if (has(g, 'v')) {
    const row = (c: string[]): string =>
      `${padLeft(c[0] ?? '', 4)} ${padRight(c[1] ?? '', 16)} ${padRight(c[2] ?? '', 10)} ${padRight(c[3] ?? '', 30)} ${padRight(c[4] ?? '', 8)} ${padRight(c[5] ?? '', 6)}\n`;
    ctx.out(row(['ID', 'NAME', 'STATUS', 'PATH', 'BRAND', 'IP']) + lines.map((l) => row([l.id, l.name, l.state, l.path, l.brand, l.ip])).join(''));
  } else {
    ctx.out(lines.map((l) => `${l.name}\n`).join(''));
  }
  return 0;
}
