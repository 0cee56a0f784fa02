// prctl on zone resource controls (§5): -P listings and -s/-r/-x/-e/-d on the
// privileged values of running zones, with prctl's refusals.
import type { Ctx } from '../ctx.ts';
import { padLeft, padRight } from '../format.ts';
import { getopt, has, optValue } from '../getopt.ts';
import { ZONE_RCTLS, rctlInfo, rctlUsage } from '../rctls.ts';
import type { RctlInfo } from '../rctls.ts';
import type { RctlValue, SimState, Zone } from '../state.ts';

/** [UNCERTAIN] exact text of prctl's usage message. */
const USAGE =
  'usage:\n' +
  '    Report resource control values and actions:\n' +
  '\tprctl [-P] [-t [basic | privileged | system]\n' +
  '\t[-n name] [-i process | task | project | zone] id ...\n' +
  '\t-P space delimited output\n' +
  '\t-t privilege level of resource control values to display\n' +
  '\t-n name of resource control to display\n' +
  '\t-i idtype of operand list\n' +
  '    Manipulate resource control values:\n' +
  '\tprctl [-t [basic | privileged | system]\n' +
  '\t-n name [-srx] [-v value] [-p pid ] [-e | -d action]\n' +
  '\t[-i process | task | project | zone] id ...\n' +
  '    Interpret operation on a resource control\n' +
  '\t-s set resource control for operand\n' +
  '\t-r replace first resource control matching -t -v values\n' +
  '\t-x delete resource control matching -t -v values\n' +
  '\t-e enable action on resource control matching -t -v values\n' +
  '\t-d disable action on resource control matching -t -v values\n' +
  '\t-v value of resource control (required for -s and -r)\n' +
  '\t-p pid of resource control to set or modify\n';

const U64_MAX = BigInt('18446744073709551615');

/** Values with scale suffixes: bytes binary (1g = 1GB = 2^30), counts decimal (1K = 1000). */
export function parseRctlValue(text: string, unit: 'bytes' | 'count'): bigint | undefined {
  const m = /^(\d+(?:\.\d+)?)([kmgtpe]?)(b?)$/i.exec(text);
  if (!m || m[1] === undefined) return undefined;
  if (m[3] && unit !== 'bytes') return undefined;
  const suffix = (m[2] ?? '').toLowerCase();
  // No suffix means no scale ('x'.indexOf('') is 0, so test for it first).
  const idx = suffix ? 'kmgtpe'.indexOf(suffix) + 1 : 0;
  const base = unit === 'bytes' ? 1024 : 1000;
  const [int, frac = ''] = m[1].split('.');
  const scale = BigInt(base) ** BigInt(idx);
  const v = BigInt(int ?? '0') * scale + (frac ? (BigInt(frac) * scale) / BigInt(10) ** BigInt(frac.length) : BigInt(0));
  if (frac && idx === 0) return undefined;
  return v;
}

/** [UNCERTAIN] human-mode scaling: 3 significant digits, K/M/G... (bytes add B, 1024-based). */
function scaled(v: string, unit: 'bytes' | 'count'): string {
  let n = Number(v);
  const base = unit === 'bytes' ? 1024 : 1000;
  const suffixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (n >= base && i < suffixes.length - 1) {
    n /= base;
    i++;
  }
  if (i === 0) return unit === 'bytes' ? `${v}B` : v;
  const txt = n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
  return `${txt}${suffixes[i]}${unit === 'bytes' ? 'B' : ''}`;
}

function findZone(s: SimState, op: string): Zone | undefined {
  return s.zones.find((z) => z.name === op || (z.id !== undefined && String(z.id) === op));
}

function blocks(z: Zone, infos: readonly RctlInfo[], parsable: boolean, priv: string | undefined): string {
  let out = `zone: ${z.id}: ${z.name}\n`;
  if (!parsable) out += 'NAME    PRIVILEGE       VALUE    FLAG   ACTION                       RECIPIENT\n';
  for (const info of infos) {
    const rows: Array<[string, string, string, string, string]> = [];
    rows.push(['usage', rctlUsage(z, info.name), '', '', '']);
    if (priv === undefined || priv === 'privileged')
      for (const v of z.live?.[info.name] ?? []) rows.push(['privileged', v.limit, '-', v.action, '-']);
    if (priv === undefined || priv === 'system') rows.push(['system', info.system, info.flag, info.action, '-']);
    if (parsable) {
      for (const [p, val, flag, action, rcpt] of rows)
        out += p === 'usage' ? `${info.name} usage ${val} - - -\n` : `${info.name} ${p} ${val} ${flag} ${action} ${rcpt}\n`;
    } else {
      out += `${info.name}\n`;
      for (const [p, val, flag, action, rcpt] of rows) {
        const v = scaled(val, info.unit);
        out += p === 'usage' ? `        ${padRight(p, 12)}${padLeft(v, 9)}\n` : `        ${padRight(p, 12)}${padLeft(v, 9)}${padLeft(flag, 8)}   ${padRight(action, 29)}${padLeft(rcpt, 9)}\n`;
      }
    }
  }
  return out;
}

export function prctl(ctx: Ctx): number {
  const g = getopt(ctx.args, ':Pt:n:v:srxe:d:i:p:');
  const usage = (msg: string): number => {
    ctx.err(`${msg}\n${USAGE}`);
    return 2;
  };
  if (g.error) return usage(`prctl: ${g.error.kind === 'missing' ? 'option requires an argument' : 'illegal option'} -- ${g.error.letter}`);
  const ops = ['s', 'r', 'x'].filter((l) => has(g, l));
  const name = optValue(g, 'n');
  const priv = optValue(g, 't');
  const vText = optValue(g, 'v');
  const enable = optValue(g, 'e');
  const disable = optValue(g, 'd');
  const modify = ops.length > 0 || enable !== undefined || disable !== undefined;
  if (ops.length > 1) return usage('prctl: options -s, -r, and -x are exclusive');
  if (modify && name === undefined) return usage('prctl: -n is required with -s, -r, -x, -e, or -d');
  if (has(g, 'r') && vText === undefined) return usage('prctl: option -r requires use of option -v');
  if (has(g, 's') && vText === undefined) return usage('prctl: option -s requires use of option -v');
  if (priv !== undefined && !['basic', 'privileged', 'system'].includes(priv)) return usage(`prctl: invalid privilege ${priv}`);
  const idtype = optValue(g, 'i') ?? 'process';
  if (!['process', 'task', 'project', 'zone'].includes(idtype)) return usage(`prctl: unknown idtype ${idtype}`);
  if (g.operands.length === 0) return usage('prctl: no arguments specified');
  if (idtype !== 'zone') {
    // The simulated host only knows zones; pids, tasks and projects are not found.
    for (const op of g.operands) ctx.err(`prctl: ${op}: No such ${idtype === 'process' ? 'process' : idtype}\n`);
    return 1;
  }
  const run = (s: SimState): number => {
    let code = 0;
    for (const op of g.operands) {
      const z = findZone(s, op);
      if (!z || z.id === undefined) {
        ctx.err(`prctl: ${op}: unknown zone\n`);
        code = 1;
        continue;
      }
      if (z.state !== 'running') {
        ctx.err(`prctl: ${op}: No controllable process found in task, project, or zone.\n`);
        code = 1;
        continue;
      }
      let infos: readonly RctlInfo[] = ZONE_RCTLS;
      if (name !== undefined) {
        const info = rctlInfo(name);
        if (!info) return usage(`prctl: failed to get resource control for ${name}: Invalid argument`);
        infos = [info];
      }
      if (!modify) {
        ctx.out(blocks(z, infos, has(g, 'P'), priv));
        continue;
      }
      const c = change(ctx, z, infos[0] as RctlInfo, { op: ops[0], priv, vText, enable, disable }, usage);
      if (c !== 0) return c;
    }
    return code;
  };
  return modify ? ctx.tx(run) : run(ctx.read());
}

interface Change {
  op: string | undefined;
  priv: string | undefined;
  vText: string | undefined;
  enable: string | undefined;
  disable: string | undefined;
}

function change(ctx: Ctx, z: Zone, info: RctlInfo, c: Change, usage: (m: string) => number): number {
  // Zone rctls are `nobasic`: the default privilege (basic) is refused.
  if (c.priv === undefined || c.priv === 'basic') return usage(`prctl: basic values not allowed on rctl ${info.name}`);
  if (c.priv === 'system') return usage('prctl: cannot modify system values');
  let value: bigint | undefined;
  if (c.vText !== undefined) {
    value = parseRctlValue(c.vText, info.unit);
    if (value === undefined) return usage(`prctl: invalid -v value ${c.vText}`);
    if (value > BigInt(info.system) || value > U64_MAX) return usage(`prctl: -v value ${c.vText} exceeds system limit for resource control: ${info.name}`);
  }
  for (const a of [c.enable, c.disable]) {
    if (a !== undefined && a !== 'deny' && a !== 'all' && !a.startsWith('signal=')) return usage(`prctl: invalid action ${a}`);
  }
  if (c.enable !== undefined && info.denyMode === 'never') return usage("prctl: unable to enable deny on rctl with global flag 'no-deny'");
  if (c.disable !== undefined && info.denyMode === 'always') return usage("prctl: unable to disable deny on rctl with global flag 'deny'");
  const live = (z.live ??= {});
  const vals: RctlValue[] = live[info.name] ?? [];
  const actionFor = (prev?: string): string => {
    if (c.enable !== undefined) return 'deny';
    if (c.disable !== undefined) return 'none';
    return prev ?? info.action;
  };
  const header = (): void => ctx.err(`${z.pid ?? 1}:\t${psargs(z)}\n`);
  // [UNCERTAIN] the kernel refuses a zero cpu-cap (vmadm removes it instead)
  if (value === BigInt(0) && info.name === 'zone.cpu-cap' && c.op !== 'x') {
    header();
    ctx.err(`prctl: failed to set resource control for ${info.name}: Invalid argument\n`);
    return 1;
  }
  switch (c.op) {
    case 's':
      // [UNCERTAIN] a second privileged value is refused rather than added
      if (vals.length > 0) {
        header();
        ctx.err('prctl: resource control already exists\n');
        return 1;
      }
      live[info.name] = [{ priv: 'privileged', limit: String(value), action: actionFor() }];
      return 0;
    case 'r': {
      const first = vals[0];
      if (!first) {
        header();
        ctx.err('prctl: no matching resource control to replace\n');
        return 1;
      }
      live[info.name] = [{ ...first, limit: String(value), action: actionFor(first.action) }, ...vals.slice(1)];
      return 0;
    }
    case 'x': {
      const keep = vals.filter((v) => value !== undefined && BigInt(v.limit) !== value);
      if (keep.length === vals.length) {
        // [UNCERTAIN] wording when -x matches nothing
        header();
        ctx.err('prctl: no matching resource control to delete\n');
        return 1;
      }
      if (keep.length > 0) live[info.name] = keep;
      else delete live[info.name];
      return 0;
    }
    default: {
      // -e/-d alone: change the action of the matching value, adding one if none matches.
      const idx = vals.findIndex((v) => value === undefined || BigInt(v.limit) === value);
      if (idx >= 0) {
        const v = vals[idx] as RctlValue;
        vals[idx] = { ...v, action: actionFor(v.action) };
        live[info.name] = vals;
      } else if (value !== undefined) {
        live[info.name] = [...vals, { priv: 'privileged', limit: String(value), action: actionFor() }];
      }
      return 0;
    }
  }
}

/** [UNCERTAIN] psargs of the process prctl grabs in a zone. */
function psargs(z: Zone): string {
  if (z.config.brand === 'kvm') return '/smartdc/bin/qemu-system-x86_64';
  if (z.config.brand === 'bhyve') return '/usr/lib/brand/bhyve/zhyve';
  return '/sbin/init';
}
