// dladm create-vnic, create-etherstub, delete-vnic, delete-etherstub, set-linkprop (§3.3).
import type { Ctx } from '../ctx.ts';
import { formatMac, normaliseMac, prng } from '../format.ts';
import { getopt, has, optValue } from '../getopt.ts';
import type { Link, SimState } from '../state.ts';
import { badOpt, lookupLink } from './dladm-show.ts';

/** Link names: letter first, alnum/_/., ending in a number without leading zeros, < 32 chars. */
export function linkNameError(name: string): string | undefined {
  if (name.length > 31) return `link name too long '${name}'`;
  const m = /^[A-Za-z][A-Za-z0-9_.]*?(\d+)$/.exec(name);
  if (!m || !/^[A-Za-z0-9_.]+$/.test(name)) return `invalid link name '${name}'`;
  const num = m[1] ?? '';
  if (num.length > 1 && num.startsWith('0')) return `invalid link name '${name}'`;
  return undefined;
}

/** dladm_str2bw: bare numbers are Mb/s; K, M, G suffixes. Returns bits per second. */
export function parseBw(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(text);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1e6, k: 1e3, m: 1e6, g: 1e9 };
  return Math.round(Number(m[1]) * (mult[(m[2] ?? '').toLowerCase()] ?? 1e6));
}

const MIN_BW = 1200000;

interface PropSet {
  maxbw?: number;
  priority?: string;
  mtu?: number;
  zone?: string;
}

/** `prop=v,prop=v`; returns the name of a bad property or bad value status. */
function parseProps(text: string): PropSet | { badProp: string } | { status: string } {
  const out: PropSet = {};
  for (const kv of text.split(',')) {
    const i = kv.indexOf('=');
    const k = i < 0 ? kv : kv.slice(0, i);
    const v = i < 0 ? '' : kv.slice(i + 1);
    if (k === 'maxbw') {
      const bw = parseBw(v);
      if (bw === undefined) return { status: 'invalid argument' };
      // [UNCERTAIN] reported through the create/set error rather than a warning
      if (bw < MIN_BW) return { status: 'minimum value for maxbw is 1200K' };
      out.maxbw = bw;
    } else if (k === 'priority') {
      if (!['high', 'medium', 'low'].includes(v)) return { status: 'invalid argument' };
      out.priority = v;
    } else if (k === 'mtu') {
      if (!/^\d+$/.test(v)) return { status: 'invalid argument' };
      out.mtu = Number(v);
    } else if (k === 'zone') {
      out.zone = v;
    } else return { badProp: k };
  }
  return out;
}

function gzLink(s: SimState, name: string): Link | undefined {
  return s.links.find((l) => l.name === name && !l.nsZone);
}

function macsInUse(s: SimState): Set<string> {
  return new Set(s.links.map((l) => l.mac).filter((m): m is string => m !== undefined));
}

/** Next random MAC (prefix 2:8:20 unless -r) from the state's counter, skipping ones in use. */
function randomMac(s: SimState, prefix: number[]): string {
  const used = macsInUse(s);
  for (;;) {
    s.counters.mac++;
    const r = prng(s.counters.mac);
    const tail = [(r >>> 16) & 0xff, (r >>> 8) & 0xff, r & 0xff].slice(0, 6 - prefix.length);
    const mac = formatMac([...prefix, ...tail]);
    if (!used.has(mac)) return mac;
  }
}

function parsePrefix(text: string): number[] | undefined {
  const parts = text.split(':');
  if (parts.length < 1 || parts.length > 5 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return undefined;
  return parts.map((p) => parseInt(p, 16));
}

export function createVnic(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':tl:m:v:p:r:n:R:H');
  if (g.error) return badOpt(ctx, g.error.letter);
  const mOpt = optValue(g, 'm') ?? 'auto';
  let fixedMac: string | undefined;
  if (!['auto', 'random', 'factory'].includes(mOpt)) {
    fixedMac = normaliseMac(mOpt);
    if (fixedMac === undefined || mOpt === '0:0:0:0:0:0') {
      ctx.err('dladm: invalid MAC address\n');
      return 1;
    }
  }
  const vText = optValue(g, 'v');
  let vid = 0;
  if (vText !== undefined) {
    vid = /^\d+$/.test(vText) ? Number(vText) : -1;
    if (vid < 1 || vid > 4094) {
      ctx.err(`dladm: invalid VLAN identifier '${vText}'\n`);
      return 1;
    }
  }
  let props: PropSet = {};
  const pText = optValue(g, 'p');
  const parsed = pText === undefined ? {} : parseProps(pText);
  if ('badProp' in parsed) {
    ctx.err('dladm: invalid vnic property\n');
    return 1;
  }
  const over = optValue(g, 'l');
  const [name] = g.operands;
  if (name === undefined || g.operands.length !== 1 || over === undefined) {
    ctx.err('usage: dladm create-vnic [-t] -l <link> [-m <value> | auto |\n\t{factory [-n <slot-id>]} | {random [-r <prefix>]}]\n\t[-v <vid> [-f]] [-p <prop>=<value>[,...]] [-H] <vnic-link>\n');
    return 1;
  }
  const ne = linkNameError(name);
  if (ne) {
    ctx.err(`dladm: ${ne}\n`);
    return 1;
  }
  return ctx.tx((s) => {
    const lower = gzLink(s, over);
    if (!lower || lower.class === 'vnic') {
      ctx.err(`dladm: invalid link name '${over}'\n`);
      return 1;
    }
    if (vid === 1) {
      ctx.err(`dladm: VLAN over '${over}' may not use default_tag ID (see dladm(1M))\n`);
      return 1;
    }
    const fail = (status: string): number => {
      ctx.err(`dladm: vnic creation over ${over} failed: ${status}\n`);
      return 1;
    };
    if ('status' in parsed) return fail(parsed.status);
    props = parsed;
    const zone = props.zone;
    if (s.links.some((l) => l.name === name && !l.nsZone)) return fail('object already exists');
    if (props.mtu !== undefined && props.mtu > lower.mtu) return fail("MTU check failed, MTU outside of device's supported range");
    let mac: string;
    let macType: string;
    if (fixedMac !== undefined) {
      // [UNCERTAIN] uniqueness is checked among the clients of the same lower link.
      const clash = s.links.some((l) => l.mac === fixedMac && (l === lower || l.over === over));
      if (clash) return fail('MAC address is already in use');
      mac = fixedMac;
      macType = 'fixed';
    } else if (mOpt === 'factory') {
      return fail('operation not supported');
    } else {
      const prefixText = optValue(g, 'r');
      const prefix = prefixText === undefined ? [2, 8, 0x20] : parsePrefix(prefixText);
      if (!prefix) {
        ctx.err('dladm: invalid MAC address\n');
        return 1;
      }
      mac = randomMac(s, prefix);
      macType = 'random';
    }
    const link: Link = { name, class: 'vnic', mtu: props.mtu ?? lower.mtu, state: 'up', over, vid, mac, macType };
    if (zone !== undefined) link.zone = zone;
    if (props.maxbw !== undefined) link.maxbw = props.maxbw;
    if (props.priority !== undefined) link.priority = props.priority;
    if (has(g, 't')) link.temporary = true;
    s.links.push(link);
    return 0;
  });
}

export function createEtherstub(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':tR:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const [name] = g.operands;
  if (name === undefined || g.operands.length !== 1) {
    ctx.err('usage: dladm create-etherstub [-t] <link>\n');
    return 1;
  }
  const ne = linkNameError(name);
  if (ne) {
    ctx.err(`dladm: ${ne}\n`);
    return 1;
  }
  return ctx.tx((s) => {
    if (gzLink(s, name)) {
      ctx.err('dladm: etherstub creation failed: object already exists\n');
      return 1;
    }
    const stub: Link = { name, class: 'etherstub', mtu: 9000, state: 'unknown' };
    if (has(g, 't')) stub.temporary = true;
    s.links.push(stub);
    return 0;
  });
}

function zoneRunning(s: SimState, zone: string | undefined): boolean {
  const z = s.zones.find((x) => x.name === zone);
  return z !== undefined && z.id !== undefined;
}

export function deleteLink(ctx: Ctx, args: string[], kind: 'vnic' | 'etherstub'): number {
  const g = getopt(args, ':tR:z:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const [name] = g.operands;
  if (name === undefined || g.operands.length !== 1) {
    ctx.err(`usage: dladm delete-${kind} [-t] <link>\n`);
    return 1;
  }
  const zone = optValue(g, 'z');
  return ctx.tx((s) => {
    const l = lookupLink(s, name, zone);
    if (!l) {
      ctx.err(`dladm: invalid link name '${name}'\n`);
      return 1;
    }
    if (l.class !== kind) {
      ctx.err(`dladm: '${name}' is not ${kind === 'vnic' ? 'a vnic' : 'an etherstub'}\n`);
      return 1;
    }
    // [UNCERTAIN] busy links: a VNIC held by a running zone, an etherstub with VNICs over it.
    const busy =
      kind === 'vnic'
        ? zoneRunning(s, l.zone) || s.zones.some((z) => z.id !== undefined && z.config.nets.some((n) => n.physical === name) && !l.zone)
        : s.links.some((x) => x.over === name);
    if (busy) {
      ctx.err(`dladm: ${kind} deletion failed: link busy\n`);
      return 1;
    }
    s.links = s.links.filter((x) => x !== l);
    return 0;
  });
}

export function setLinkprop(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':tR:z:p:');
  if (g.error) return badOpt(ctx, g.error.letter);
  const [name] = g.operands;
  const pText = optValue(g, 'p');
  if (name === undefined || pText === undefined) {
    ctx.err('usage: dladm set-linkprop [-t] -p <prop>=<value>[,...] <name>\n');
    return 1;
  }
  const zone = optValue(g, 'z');
  return ctx.tx((s) => {
    const l = lookupLink(s, name, zone);
    if (!l) {
      ctx.err(`dladm: link ${name} is not valid: object not found\n`);
      return 1;
    }
    let code = 0;
    for (const kv of pText.split(',')) {
      const prop = kv.split('=')[0] ?? '';
      const r = parseProps(kv);
      if ('badProp' in r) {
        ctx.err(`dladm: warning: invalid link property '${prop}'\n`);
        code = 1;
        continue;
      }
      if ('status' in r) {
        ctx.err(`dladm: warning: cannot set link property '${prop}' on '${name}': ${r.status}\n`);
        code = 1;
        continue;
      }
      if (r.maxbw !== undefined) l.maxbw = r.maxbw;
      if (r.priority !== undefined) l.priority = r.priority;
      if (r.mtu !== undefined) l.mtu = r.mtu;
      if (r.zone !== undefined) l.zone = r.zone || undefined;
    }
    if (l.zone === undefined) delete l.zone;
    return code;
  });
}
