// zpool: import (listing and by name/guid), list, status, create.
import type { Ctx } from '../ctx.ts';
import { traits } from '../flavours.ts';
import { nicenum, padLeft, padRight } from '../format.ts';
import { getopt, has, optValue, optValues } from '../getopt.ts';
import type { Pool, SimState } from '../state.ts';
import { zpoolCreate } from './zpool-create.ts';
import { importListing, isHealthy, statusListing } from './zpool-show.ts';

const USAGE = 'usage:\n';

export function zpool(ctx: Ctx): number {
  const [sub, ...rest] = ctx.args;
  switch (sub) {
    case 'import':
      return doImport(ctx, rest);
    case 'list':
      return doList(ctx, rest);
    case 'status':
      return doStatus(ctx, rest);
    case 'create':
      return zpoolCreate(ctx, rest);
    case undefined:
      ctx.err('missing command\n' + USAGE);
      return 2;
    default:
      ctx.err(`unrecognized command '${sub}'\n${USAGE}`);
      return 2;
  }
}

function doImport(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':aCc:d:DfFmnNo:R:t');
  if (g.error) {
    ctx.err(g.error.kind === 'missing' ? `missing argument for '-${g.error.letter}' option\n` : `invalid option '${g.error.letter}'\n`);
    return 2;
  }
  if (g.operands.length === 0 && !has(g, 'a')) {
    return ctx.tx((s) => {
      if (s.importable.length === 0) {
        ctx.err('no pools available to import\n');
        return 0;
      }
      ctx.out(s.importable.map((p) => importListing(p, traits(s).msgUrl)).join('\n'));
      return 0;
    });
  }
  const force = has(g, 'f');
  let altroot = optValue(g, 'R');
  for (const o of optValues(g, 'o')) {
    const [k, v] = o.split('=');
    if (k === 'altroot' && v !== undefined) altroot = v;
  }
  return ctx.tx((s) => {
    if (has(g, 'a')) {
      let code = 0;
      for (const p of [...s.importable]) code = Math.max(code, importOne(ctx, s, p.name, force, altroot));
      return code;
    }
    const [target = ''] = g.operands;
    return importOne(ctx, s, target, force, altroot);
  });
}

function importOne(ctx: Ctx, s: SimState, target: string, force: boolean, altroot: string | undefined): number {
  // The argument is a guid when it parses completely as a decimal number.
  const byGuid = /^\d+$/.test(target);
  const matches = s.importable.filter((p) => (byGuid ? p.guid === target : p.name === target));
  const imported = s.pools.some((p) => p.name === target);
  if (matches.length === 0) {
    if (!byGuid && imported) {
      ctx.err(`cannot import '${target}': a pool with that name is already created/imported,\nand no additional pools with that name were found\n`);
    } else {
      ctx.err(`cannot import '${target}': no such pool available\n`);
    }
    return 1;
  }
  if (matches.length > 1) {
    ctx.err(`cannot import '${target}': more than one matching pool\nimport by numeric ID instead\n`);
    return 1;
  }
  const p = matches[0] as Pool;
  if (s.pools.some((q) => q.name === p.name)) {
    ctx.err(
      `cannot import '${target}': a pool with that name already exists\nuse the form 'zpool import [-t] <pool | id> <newpool>' to give it a new temporary or permanent name\n`,
    );
    return 1;
  }
  if (p.state === 'UNAVAIL' || p.state === 'FAULTED') {
    ctx.err(`cannot import '${target}': one or more devices is currently unavailable\n`);
    return 1;
  }
  if (p.foreign && !force) {
    ctx.err(
      `cannot import '${target}': pool was previously in use from another system.\n` +
        `Last accessed by ${p.foreign.hostname} (hostid=${p.foreign.hostid}) at ${p.foreign.time}\n` +
        "The pool can be imported, use 'zpool import -f' to import the pool.\n",
    );
    return 1;
  }
  s.importable = s.importable.filter((q) => q !== p);
  const { foreign: _f, exported: _e, ...rest } = p;
  const pool: Pool = { ...rest };
  if (altroot) pool.altroot = altroot;
  s.pools.push(pool);
  return 0;
}

const LIST_FIELDS = ['name', 'size', 'alloc', 'free', 'frag', 'expandsz', 'cap', 'dedup', 'health', 'altroot', 'guid'];

function listValue(p: Pool, f: string, exact: boolean): string {
  const num = (n: number): string => (exact ? String(n) : nicenum(n));
  switch (f) {
    case 'name':
      return p.name;
    case 'size':
      return num(p.size);
    case 'alloc':
    case 'allocated':
      return num(p.alloc);
    case 'free':
      return num(p.size - p.alloc);
    case 'frag':
    case 'fragmentation':
      return exact ? '0' : '0%';
    case 'expandsz':
      return '-';
    case 'cap':
    case 'capacity': {
      const c = p.size > 0 ? Math.floor((p.alloc * 100) / p.size) : 0;
      return exact ? String(c) : `${c}%`;
    }
    case 'dedup':
    case 'dedupratio':
      return exact ? '1.00' : '1.00x';
    case 'health':
      return p.state;
    case 'altroot':
      return p.altroot ?? '-';
    case 'guid':
      return p.guid;
    default:
      return '-';
  }
}


/** The pools named on the command line (all, sorted as libzfs keeps them, when none), and the exit code so far. */
function selectPools(ctx: Ctx, all: Pool[], names: string[]): { pools: Pool[]; code: number } {
  if (names.length === 0) return { pools: [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), code: 0 };
  const pools: Pool[] = [];
  let code = 0;
  for (const name of names) {
    const p = all.find((q) => q.name === name);
    if (p) pools.push(p);
    else {
      ctx.err(`cannot open '${name}': no such pool\n`);
      code = 1;
    }
  }
  return { pools, code };
}

function doList(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':gHLo:pPT:v');
  if (g.error) {
    ctx.err(`invalid option '${g.error.letter}'\n${USAGE}`);
    return 2;
  }
  const fields = (optValue(g, 'o') ?? 'name,size,alloc,free,frag,expandsz,cap,dedup,health,altroot').split(',');
  for (const f of fields) {
    if (![...LIST_FIELDS, 'allocated', 'fragmentation', 'capacity', 'dedupratio'].includes(f)) {
      ctx.err(`invalid property '${f}'\n${USAGE}`);
      return 2;
    }
  }
  const scripted = has(g, 'H');
  const exact = has(g, 'p');
  const s = ctx.read();
  const { pools, code } = selectPools(ctx, s.pools, g.operands);
  if (pools.length === 0) {
    if (!scripted && code === 0) ctx.out('no pools available\n');
    return code;
  }
  const table = pools.map((p) => fields.map((f) => listValue(p, f, exact)));
  if (scripted) {
    ctx.out(table.map((r) => r.join('\t') + '\n').join(''));
    return code;
  }
  // [UNCERTAIN] human widths: text columns left-aligned to their widest value, numbers right-aligned.
  const left = new Set(['name', 'health', 'altroot', 'guid']);
  const widths = fields.map((f, i) => Math.max(f.length, ...table.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => {
        const f = fields[i] ?? '';
        const w = widths[i] ?? 0;
        if (i === cells.length - 1) return c;
        return left.has(f) ? padRight(c, w) : padLeft(c, w);
      })
      .join('  ') + '\n';
  ctx.out(fmt(fields.map((f) => f.toUpperCase())) + table.map(fmt).join(''));
  return code;
}

function doStatus(ctx: Ctx, args: string[]): number {
  const g = getopt(args, ':DgLPvxT:');
  if (g.error) {
    ctx.err(`invalid option '${g.error.letter}'\n${USAGE}`);
    return 2;
  }
  const onlyBad = has(g, 'x');
  const s = ctx.read();
  const { pools, code } = selectPools(ctx, s.pools, g.operands);
  if (g.operands.length > 0) {
    if (pools.length === 0) return code;
  } else if (s.pools.length === 0) {
    ctx.out('no pools available\n');
    return 0;
  }
  const shown = onlyBad ? pools.filter((p) => !isHealthy(p)) : pools;
  if (shown.length === 0) {
    if (g.operands.length === 1) ctx.out(`pool '${g.operands[0]}' is healthy\n`);
    else ctx.out('all pools are healthy\n');
    return code;
  }
  ctx.out(shown.map(statusListing).join('\n'));
  return code;
}
