// observe: the planner's view of the host, built from a fixed set of listing
// commands run concurrently (plus one prctl for all running zones) and the
// zones' stored configurations. A failing command never throws: its facts stay
// empty and a line in facts.errors tells the planner that part is unknown.
import type { Facts, LiveRctls, VnicFact, ZoneConfig, ZoneFact } from './facts.ts';
import type { CommandResult, Runner } from './runner.ts';
import { LISTINGS, OK_CODES, isZoneName, prctlArgv, zoneXmlPath } from './observe-commands.ts';
import { isParseError } from './parse/errors.ts';
import { parseShowEtherstub, parseShowPhys, parseShowPhysMacs, parseShowVnic } from './parse/dladm-show.ts';
import { parseShowLinkprop } from './parse/dladm-linkprop.ts';
import type { LinkBandwidth } from './parse/dladm-linkprop.ts';
import { parseKstatArc } from './parse/kstat.ts';
import { parsePrctl } from './parse/prctl.ts';
import { parseZfsList } from './parse/zfs-list.ts';
import { parseZoneadmList } from './parse/zoneadm-list.ts';
import { parseZoneXml } from './parse/zone-xml.ts';
import { parseZpoolImport } from './parse/zpool-import.ts';
import { parseZpoolList } from './parse/zpool-list.ts';
import { parseZpoolStatus } from './parse/zpool-status.ts';

/** File reads observe needs; null when the file does not exist. */
export interface ObserveIo {
  readText(path: string): Promise<string | null>;
}

export interface ObserveOptions {
  /** prefix of every file path read (`--root`) */
  root: string;
  /** ms per command; undefined = the runner's default */
  timeoutMs?: number;
}

/** A parsed listing, or why there is none. */
interface Got<T> {
  value?: T;
  errors: string[];
}

type Listing = keyof typeof LISTINGS;

function errorLine(argv: readonly string[], reason: string): string {
  return `${argv.join(' ')}: ${reason}`;
}

/** Why a finished command counts as failed, or undefined when it succeeded. */
function failureOf(r: CommandResult, ok: number[]): string | undefined {
  if (r.spawnError !== undefined) return `cannot run: ${r.spawnError}`;
  if (r.timedOut) return `timed out after ${r.durationMs} ms`;
  if (r.code === null) return `killed by ${r.signal || 'a signal'}`;
  if (ok.indexOf(r.code) >= 0) return undefined;
  const first = r.stderr.split('\n')[0] || '';
  return `exit ${r.code}${first ? `: ${first}` : ''}`;
}

function parseInto<T>(argv: readonly string[], stdout: string, parse: (s: string) => T, got: Got<T>): void {
  try {
    got.value = parse(stdout);
  } catch (e) {
    const why = isParseError(e) ? (e as Error).message : `parser failed: ${String(e)}`;
    got.errors.push(errorLine(argv, `unparseable output: ${why}`));
  }
}

async function run(runner: Runner, argv: readonly string[], timeoutMs?: number): Promise<CommandResult> {
  try {
    return await runner.run({ argv: argv.slice(), timeoutMs });
  } catch (e) {
    // a Runner should resolve, but a broken one must not sink the whole observation
    const reason = e instanceof Error ? e.message : String(e);
    const none = { code: null, signal: null, stdout: '', stderr: '', durationMs: 0, timedOut: false };
    return Object.assign({ argv: argv.slice(), spawnError: reason }, none);
  }
}

/** Run one listing and parse it; failures become error lines. */
async function listing<T>(runner: Runner, name: Listing, parse: (s: string) => T, timeoutMs?: number): Promise<Got<T>> {
  const argv = LISTINGS[name];
  const r = await run(runner, argv, timeoutMs);
  const got: Got<T> = { errors: [] };
  const failure = failureOf(r, OK_CODES[name] || [0]);
  if (failure !== undefined) got.errors.push(errorLine(argv, failure));
  else parseInto(argv, r.stdout, parse, got);
  return got;
}

/** One prctl for all running zones; a zone that stopped meanwhile fails only itself. */
async function liveRctls(runner: Runner, zones: string[], timeoutMs?: number): Promise<Got<Record<string, LiveRctls>>> {
  const got: Got<Record<string, LiveRctls>> = { errors: [] };
  if (zones.length === 0) {
    got.value = {};
    return got;
  }
  const argv = prctlArgv(zones);
  const r = await run(runner, argv, timeoutMs);
  const failure = failureOf(r, [0]);
  if (failure !== undefined) got.errors.push(errorLine(argv, failure));
  // after a non-zero exit the blocks of the zones that answered are still valid
  if (r.spawnError === undefined && !r.timedOut) parseInto(argv, r.stdout, parsePrctl, got);
  return got;
}

/** Read and parse every zone's /etc/zones/<zone>.xml. */
async function zoneConfigs(io: ObserveIo, root: string, zones: ZoneFact[]): Promise<Got<Record<string, ZoneConfig>>> {
  const got: Got<Record<string, ZoneConfig>> = { value: {}, errors: [] };
  const configs = got.value as Record<string, ZoneConfig>;
  await Promise.all(
    zones.map(async (z) => {
      if (!isZoneName(z.name)) {
        got.errors.push(`read zone config of '${z.name}': not a zone name`);
        return;
      }
      const path = zoneXmlPath(root, z.name);
      let text: string | null;
      try {
        text = await io.readText(path);
      } catch (e) {
        got.errors.push(`read ${path}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (text === null) {
        got.errors.push(`read ${path}: missing`);
        return;
      }
      try {
        configs[z.name] = parseZoneXml(text);
      } catch (e) {
        got.errors.push(`read ${path}: unparseable: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );
  got.errors.sort();
  return got;
}

/**
 * Attach maxbw/priority to VNICs. A link name may appear more than once (each
 * SmartOS zone can own a `net0`); occurrences are matched in order, after any
 * same-named physical link or etherstub. [UNCERTAIN: assumes show-linkprop and
 * show-vnic walk links in the same order]
 */
function withBandwidth(vnics: VnicFact[], props: LinkBandwidth[], others: string[]): VnicFact[] {
  const seen: Record<string, number> = {};
  return vnics.map((v) => {
    const k = (seen[v.link] = (seen[v.link] || 0) + 1) - 1 + (others.indexOf(v.link) >= 0 ? 1 : 0);
    const p = props.filter((e) => e.link === v.link)[k];
    const out: VnicFact = Object.assign({}, v);
    if (p && p.maxbw !== undefined) out.maxbw = p.maxbw;
    if (p && p.priority !== undefined) out.priority = p.priority;
    return out;
  });
}

/** Observe the host: the same commands whatever the number of pools, links or zones. */
export async function observe(runner: Runner, io: ObserveIo, opts: ObserveOptions): Promise<Facts> {
  const t = opts.timeoutMs;
  const zonesP = listing(runner, 'zoneadmList', parseZoneadmList, t);
  const [importable, pools, status, datasets, phys, macs, stubs, vnics, linkprop, zoneList, arc] = await Promise.all([
    listing(runner, 'zpoolImport', parseZpoolImport, t),
    listing(runner, 'zpoolList', parseZpoolList, t),
    listing(runner, 'zpoolStatus', parseZpoolStatus, t),
    listing(runner, 'zfsList', (s) => parseZfsList(s), t),
    listing(runner, 'showPhys', parseShowPhys, t),
    listing(runner, 'showPhysMacs', parseShowPhysMacs, t),
    listing(runner, 'showEtherstub', parseShowEtherstub, t),
    listing(runner, 'showVnic', parseShowVnic, t),
    listing(runner, 'showLinkprop', parseShowLinkprop, t),
    zonesP.then(async (zl) => {
      // prctl and the config reads need the zone list, not the other listings
      const all = zl.value || [];
      const zones = all.filter((z) => z.name !== 'global');
      const running = zones.filter((z) => z.state === 'running').map((z) => z.name);
      const [rctls, configs] = await Promise.all([liveRctls(runner, running, t), zoneConfigs(io, opts.root, zones)]);
      return { zl, all, zones, rctls, configs };
    }),
    listing(runner, 'kstat', parseKstatArc, t),
  ]);

  const statusDisks = status.value || {};
  const macMap = macs.value || {};
  const physLinks = (phys.value || []).map((p) => Object.assign({}, p, { macs: macMap[p.link] || [] }));
  const etherstubs = stubs.value || [];
  const global = zoneList.all.filter((z) => z.name === 'global')[0];
  const configs = zoneList.configs.value || {};

  return {
    flavour: global && global.brand === 'liveimg' ? 'smartos' : 'illumos',
    importable: importable.value || [],
    pools: (pools.value || []).map((p) => Object.assign({}, p, { disks: statusDisks[p.name] || [] })),
    datasets: datasets.value || [],
    phys: physLinks,
    etherstubs,
    vnics: withBandwidth(
      vnics.value || [],
      linkprop.value || [],
      physLinks.map((p) => p.link).concat(etherstubs),
    ),
    zones: zoneList.zones.map((z) => {
      const c = configs[z.name];
      return c ? Object.assign({}, z, { config: c }) : z;
    }),
    rctls: zoneList.rctls.value || {},
    arc: arc.value || {},
    errors: ([] as string[]).concat(
      importable.errors,
      pools.errors,
      status.errors,
      datasets.errors,
      phys.errors,
      macs.errors,
      stubs.errors,
      vnics.errors,
      linkprop.errors,
      zoneList.zl.errors,
      zoneList.rctls.errors,
      zoneList.configs.errors,
      arc.errors,
    ),
  };
}
