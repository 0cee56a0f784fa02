// zoneadm: list, install, boot, ready, halt, reboot, shutdown, uninstall,
// verify, mark — the state machine of §4.3 with its refusals.
import type { Ctx } from '../ctx.ts';
import { traits } from '../flavours.ts';
import { uuidFrom } from '../format.ts';
import { getopt, has, optValue } from '../getopt.ts';
import { bootRctls } from '../rctls.ts';
import type { SimState, Zone } from '../state.ts';
import { propValue } from './zfs-props.ts';
import { visible } from './zfs.ts';
import { zoneadmList } from './zoneadm-list.ts';
import { plumbZone, unplumbZone } from './zoneadm-net.ts';

type Check = (z: Zone) => string | undefined;

export function zoneadm(ctx: Ctx): number {
  const g = getopt(ctx.args, ':z:u:R:');
  if (g.error) {
    ctx.err(`zoneadm: illegal option -- ${g.error.letter}\n`);
    return 2;
  }
  let name = optValue(g, 'z');
  const uuid = optValue(g, 'u');
  const [sub, ...rest] = g.operands;
  if (uuid !== undefined && name === undefined) {
    const z = ctx.read().zones.find((x) => x.config.uuid === uuid);
    if (!z) {
      ctx.err(`zoneadm: ${uuid}: No such zone configured\n`);
      return 1;
    }
    name = z.name;
  }
  if (sub === undefined) {
    ctx.err('usage:\tzoneadm [-z <zone>] [-u <uuid-match>] list [<list-options>]\n');
    return 2;
  }
  if (sub === 'list') return zoneadmList(ctx, rest, name);
  if (name === undefined) {
    ctx.err('zoneadm: no zone specified\n');
    return 2;
  }
  const zone = name;
  const pre = `zoneadm: zone '${zone}': `;
  if (zone === 'global') {
    ctx.err(`${pre}${sub} operation is invalid for the global zone.\n`);
    return 1;
  }
  /** Look the zone up and run a state check under the lock. */
  const withZone = (check: Check, fn: (s: SimState, z: Zone) => number): number =>
    ctx.tx((s) => {
      const z = s.zones.find((x) => x.name === zone);
      if (!z) {
        ctx.err(`zoneadm: ${zone}: No such zone configured\n`);
        return 1;
      }
      const e = check(z);
      if (e !== undefined) {
        // zoneadmd's "already booted/halted" notices: no zoneadm prefix, exit 0
        const notice = e.startsWith(`zone '`);
        ctx.err(notice ? `${e}\n` : `${pre}${e}\n`);
        return notice ? 0 : 1;
      }
      return fn(s, z);
    });
  const running = (z: Zone): boolean => z.id !== undefined;
  const mustBeInstalled =
    (op: string): Check =>
    (z) =>
      z.state === 'configured' || z.state === 'incomplete' ? `must be installed before ${op}.` : undefined;

  switch (sub) {
    case 'install':
      return install(ctx, zone, rest, withZone, running);
    case 'boot':
    case 'ready': {
      const check: Check = (z) => {
        const e = mustBeInstalled(sub)(z);
        if (e) return e;
        if (sub === 'boot' && z.state === 'running') return `zone '${zone}': zone is already booted`;
        if (sub === 'ready' && z.state === 'running') return 'ready operation is invalid for running zones.';
        return undefined;
      };
      const delay = ctx.read().knobs.zoneBootDelayMs;
      let id: number | undefined;
      const code = withZone(check, (s, z) => {
        if (z.id === undefined) {
          const e = plumbZone(s, z);
          if (e) {
            ctx.err(`${pre}${e}\n`);
            return 1;
          }
          z.id = s.counters.zoneId++;
        }
        z.state = 'ready';
        id = z.id;
        if (sub === 'boot' && delay <= 0) startZone(s, z);
        return 0;
      });
      if (code !== 0 || sub === 'ready' || delay <= 0) return code;
      // Boot takes a while; the lock is free meanwhile so parallel boots overlap.
      ctx.sleep(delay);
      return ctx.tx((s) => {
        const z = s.zones.find((x) => x.name === zone);
        if (z && z.id === id && z.state === 'ready') startZone(s, z);
        return 0;
      });
    }
    case 'halt':
    case 'shutdown':
    case 'reboot': {
      const g2 = getopt(rest, ':Xr');
      const reboot = sub === 'reboot' || (sub === 'shutdown' && has(g2, 'r'));
      const check: Check = (z) => {
        const e = mustBeInstalled(sub)(z);
        if (e) return e;
        if (!running(z)) return sub === 'halt' ? `zone '${zone}': zone is already halted` : 'not running';
        return undefined;
      };
      const code = haltZone(ctx, zone, check, withZone);
      if (code !== 0 || !reboot) return code;
      return ctx.tx((s) => {
        const z = s.zones.find((x) => x.name === zone);
        if (!z) return 1;
        const e = plumbZone(s, z);
        if (e) {
          ctx.err(`${pre}${e}\n`);
          return 1;
        }
        z.id = s.counters.zoneId++;
        startZone(s, z);
        return 0;
      });
    }
    case 'uninstall': {
      const g2 = getopt(rest, ':Fh');
      const check: Check = (z) => {
        if (running(z)) return 'uninstall operation is invalid for running zones.';
        if (z.state === 'configured') return "is already in state 'configured'.";
        if (!has(g2, 'F')) return 'Input not from terminal and -F not specified: uninstall not done.';
        return undefined;
      };
      return withZone(check, (s, z) => {
        if (z.dataset) {
          const ds = z.dataset;
          s.datasets = s.datasets.filter((d) => d.name !== ds && !d.name.startsWith(`${ds}/`) && !d.name.startsWith(`${ds}@`));
          delete z.dataset;
          const msg = traits(s).uninstallMessage;
          if (msg) ctx.out(`${msg}\n`);
        }
        z.state = 'configured';
        return 0;
      });
    }
    case 'verify':
      return withZone(() => undefined, () => 0);
    case 'mark':
      return withZone(
        (z) => (rest[0] !== 'incomplete' && rest[0] !== 'configured' ? 'invalid state' : running(z) ? 'mark operation is invalid for running zones.' : undefined),
        (_s, z) => {
          z.state = rest[0] === 'configured' ? 'configured' : 'incomplete';
          return 0;
        },
      );
    default:
      ctx.err(`zoneadm: ${sub} is not a valid subcommand\n`);
      return 2;
  }
}

/** Running: live rctls come from the configuration, a new init pid. */
function startZone(s: SimState, z: Zone): void {
  z.state = 'running';
  z.live = bootRctls(z);
  s.counters.pid += 1 + (s.counters.pid % 7);
  z.pid = s.counters.pid;
}

function stopZone(s: SimState, z: Zone): void {
  unplumbZone(s, z);
  z.state = 'installed';
  delete z.id;
  delete z.live;
  delete z.pid;
}

function haltZone(ctx: Ctx, zone: string, check: Check, withZone: (c: Check, fn: (s: SimState, z: Zone) => number) => number): number {
  const delay = ctx.read().knobs.zoneHaltDelayMs;
  const code = withZone(check, (s, z) => {
    if (delay <= 0) stopZone(s, z);
    else z.state = 'shutting_down';
    return 0;
  });
  if (code !== 0 || delay <= 0) return code;
  const step = (to: 'down' | 'installed'): void => {
    ctx.sleep(delay / 2);
    ctx.tx((s) => {
      const z = s.zones.find((x) => x.name === zone);
      if (!z || z.id === undefined) return;
      if (to === 'down') z.state = 'down';
      else stopZone(s, z);
    });
  };
  step('down');
  step('installed');
  return 0;
}

function install(
  ctx: Ctx,
  zone: string,
  args: string[],
  withZone: (c: Check, fn: (s: SimState, z: Zone) => number) => number,
  running: (z: Zone) => boolean,
): number {
  // SmartOS brands: -q <quota GiB>, -t <image>, -x nodataset; other options are accepted.
  const g = getopt(args, ':q:t:x:s:c:e:hpPuUvz:');
  const quota = optValue(g, 'q');
  const check: Check = (z) => {
    if (running(z)) return 'install operation is invalid for running zones.';
    if (z.state === 'incomplete') return 'zone is incomplete; uninstall required.';
    if (z.state !== 'configured') return 'is already installed.';
    return undefined;
  };
  const delay = ctx.read().knobs.zoneInstallDelayMs;
  let created = false;
  const code = withZone(check, (s, z) => {
    z.state = 'incomplete';
    if (!z.config.uuid) z.config.uuid = s.knobs.uuids?.shift() ?? uuidFrom(++s.counters.uuid);
    created = createZoneDataset(s, z, quota);
    if (delay <= 0) z.state = 'installed';
    return 0;
  });
  if (code !== 0) return code;
  if (delay > 0) {
    ctx.sleep(delay);
    ctx.tx((s) => {
      const z = s.zones.find((x) => x.name === zone);
      if (z && z.state === 'incomplete') z.state = 'installed';
    });
  }
  const msg = traits(ctx.read()).installMessage;
  if (created && msg) ctx.out(`${msg}\n`);
  return 0;
}

/** The zone root dataset: `<dataset mounted on the zonepath's parent>/<basename>`. */
function createZoneDataset(s: SimState, z: Zone, quotaGiB: string | undefined): boolean {
  const zp = z.config.zonepath ?? '';
  const i = zp.lastIndexOf('/');
  if (i < 0) return false;
  const parentDir = zp.slice(0, i) || '/';
  const base = zp.slice(i + 1);
  const all = visible(s);
  const parent = all.find((d) => d.type === 'filesystem' && propValue(s, d, 'mountpoint', true)?.value === parentDir);
  if (!parent) return false;
  const name = `${parent.name}/${base}`;
  let ds = all.find((d) => d.name === name);
  let created = false;
  if (!ds) {
    s.counters.txg++;
    ds = { name, type: 'filesystem', props: {}, createtxg: s.counters.txg };
    s.datasets.push(ds);
    z.dataset = name;
    created = true;
  }
  if (quotaGiB !== undefined && /^\d+$/.test(quotaGiB) && quotaGiB !== '0') ds.props['quota'] = String(Number(quotaGiB) * 2 ** 30);
  return created;
}
