// zonecfg subcommands run against a working copy of one zone's configuration;
// `commit` (explicit or at the end of the input) writes it into the state.
// [UNCERTAIN] ip-type/brand/zonename refusals, `set zonepath|brand` on an installed zone and
// `delete` of an installed zone use our wording; the rest follows the reference.
import * as fs from 'node:fs';
import { traits } from '../flavours.ts';
import { parseZonecfgBytes } from '../format.ts';
import { GLOBAL_ALIASES, rctlInfo } from '../rctls.ts';
import { blankConfig } from '../state.ts';
import type { AttrRes, DeviceRes, FsRes, NetRes, Rctl, ZoneConfig } from '../state.ts';
import { exportConfig, infoText } from './zonecfg-export.ts';
import type { Cmd, Val } from './zonecfg-lex.ts';
import { remove } from './zonecfg-remove.ts';
import { isInstalled, matches, need, scopeErr, simple, zone } from './zonecfg-session.ts';
import type { Session } from './zonecfg-session.ts';
import { RES_TYPES, addInScope, applyCaps, capsOf, checkEnd, listOf, newRes, setResProp } from './zonecfg-res.ts';
import type { ResType, Scope } from './zonecfg-res.ts';

const BRANDS: Record<string, string[]> = {
  // [UNCERTAIN] installed brands per flavour
  smartos: ['joyent', 'joyent-minimal', 'lx', 'kvm', 'bhyve', 'sngl', 'builder'],
  illumos: ['ipkg', 'lipkg', 'sparse', 'pkgsrc', 'bhyve', 'kvm', 'lx', 'illumos', 'emu', 'nlipkg'],
};

const GLOBAL_PROPS = ['zonename', 'zonepath', 'brand', 'autoboot', 'ip-type', 'limitpriv', 'bootargs', 'pool', 'scheduling-class', 'hostid', 'fs-allowed', 'uuid'];

function setGlobal(se: Session, cfg: ZoneConfig, prop: string, val: Val): string | undefined {
  const v = simple(val);
  if (v === undefined) return `${prop}: a simple value was expected`;
  const installed = isInstalled(zone(se));
  const alias = GLOBAL_ALIASES[prop];
  if (alias) {
    const info = rctlInfo(alias);
    const n = info?.unit === 'bytes' ? parseZonecfgBytes(v) : /^\d+$/.test(v) ? BigInt(v) : undefined;
    if (n === undefined) return `${prop}: invalid value '${v}'`;
    cfg.rctls = cfg.rctls.filter((r) => r.name !== alias);
    cfg.rctls.push({ name: alias, values: [{ priv: 'privileged', limit: String(n), action: info?.action ?? 'deny' }] });
    return undefined;
  }
  switch (prop) {
    case 'zonename':
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v) || v.length >= 64 || v === 'global') return `${v}: Bogus zone name`;
      if (se.s.zones.some((z) => z.name === v && z.name !== se.name)) return `${v}: Zone name already in use`;
      se.renameTo = v;
      return undefined;
    case 'zonepath':
      if (installed) return `Zone ${se.name} already installed; set zonepath not allowed.`;
      if (v === '') return 'zonepath cannot be empty.';
      cfg.zonepath = v;
      return undefined;
    case 'brand':
      if (installed) return `Zone ${se.name} already installed; set brand not allowed.`;
      if (!(BRANDS[se.s.flavour] ?? []).includes(v)) return `Unknown brand '${v}'.`;
      cfg.brand = v;
      return undefined;
    case 'autoboot':
      if (v !== 'true' && v !== 'false') return "autoboot value must be 'true' or 'false'.";
      cfg.autoboot = v === 'true';
      return undefined;
    case 'ip-type':
      if (v !== 'exclusive' && v !== 'shared') return "ip-type value must be 'exclusive' or 'shared'.";
      cfg.ipType = v;
      return undefined;
    case 'limitpriv':
      cfg.limitpriv = v;
      return undefined;
    case 'bootargs':
      cfg.bootargs = v;
      return undefined;
    case 'pool':
      cfg.pool = v;
      return undefined;
    case 'scheduling-class':
      cfg.schedulingClass = v;
      return undefined;
    case 'hostid':
      cfg.hostid = v;
      return undefined;
    case 'fs-allowed':
      cfg.fsAllowed = v;
      return undefined;
    case 'uuid':
      cfg.uuid = v;
      return undefined;
    default:
      return 'syntax error';
  }
}

function verify(cfg: ZoneConfig): string | undefined {
  if (cfg.zonepath === undefined) return 'zonepath not specified';
  if (cfg.zonepath === '') return 'zonepath cannot be empty.';
  return undefined;
}

function commit(se: Session): string | undefined {
  if (!se.cfg || !se.dirty) return undefined;
  const e = verify(se.cfg);
  if (e) return e;
  const s = se.s;
  let z = zone(se);
  if (!z) {
    z = { name: se.name, state: 'configured', config: se.cfg };
    s.zones.push(z);
  }
  z.config = JSON.parse(JSON.stringify(se.cfg)) as ZoneConfig;
  if (se.renameTo) {
    z.name = se.renameTo;
    se.name = se.renameTo;
    se.renameTo = undefined;
  }
  // debugid is assigned at the first commit
  if (z.debugid === undefined) z.debugid = s.counters.debugId++;
  se.dirty = false;
  return undefined;
}

export function runCmd(se: Session, c: Cmd): string | undefined {
  const sc = se.scope;
  const [w0] = c.words;
  switch (c.name) {
    case 'create': {
      if (sc) return scopeErr('create', 'global');
      const z = zone(se);
      const force = c.flags.some((f) => f.includes('F'));
      if (isInstalled(z)) return `Zone ${se.name} already installed; create not allowed.`;
      if ((z || se.cfg) && !force) {
        se.done = true;
        return 'Zone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.';
      }
      if (z && force) se.out(`Zone ${se.name} already exists; overwriting.\n`);
      se.cfg = { ...blankConfig(), brand: traits(se.s).defaultBrand, ipType: 'shared' };
      const tIdx = c.flags.indexOf('-t');
      if (tIdx >= 0 && w0) {
        const t = se.s.zones.find((x) => x.name === w0);
        if (!t) return `${w0}: No such zone configured`;
        se.cfg = JSON.parse(JSON.stringify(t.config)) as ZoneConfig;
        delete se.cfg.zonepath;
        delete se.cfg.uuid;
      }
      se.dirty = true;
      return undefined;
    }
    case 'set': {
      const [a] = c.assigns;
      if (!a || c.assigns.length !== 1) return 'syntax error';
      if (sc) {
        const e = setResProp(sc, a[0], a[1]);
        return e;
      }
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      if (!GLOBAL_PROPS.includes(a[0]) && !GLOBAL_ALIASES[a[0]]) return 'syntax error';
      const e = setGlobal(se, cfg, a[0], a[1]);
      if (!e) se.dirty = true;
      return e;
    }
    case 'add': {
      if (sc) return addInScope(sc, w0 ?? '', c.vals[0], c.words.slice(1));
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      if (!w0 || !RES_TYPES.includes(w0 as ResType)) return w0 === 'property' || w0 === 'value' || w0 === 'options' ? scopeErr(`add ${w0}`, 'resource') : 'syntax error';
      const type = w0 as ResType;
      if ((type === 'capped-memory' || type === 'capped-cpu') && capsOf(cfg, type)) return `The ${type} resource already exists.`;
      se.scope = { type, res: newRes(type) };
      return undefined;
    }
    case 'select': {
      if (sc) return scopeErr('select', 'global');
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      const type = w0 as ResType;
      if (!RES_TYPES.includes(type)) return 'syntax error';
      if (type === 'capped-memory' || type === 'capped-cpu') {
        const caps = capsOf(cfg, type);
        if (!caps) return `${type}: No such resource with that id`;
        se.scope = { type, res: { ...caps }, index: 0 };
        return undefined;
      }
      const list = listOf(cfg, type);
      const hits = list.map((r, i) => [r, i] as const).filter(([r]) => matches(type, r, c.assigns));
      if (hits.length === 0) return `${type}: No such resource with that id`;
      if (hits.length > 1) return `${type}: Insufficient specification`;
      const [r, i] = hits[0] as readonly [unknown, number];
      se.scope = { type, res: JSON.parse(JSON.stringify(r)) as Scope['res'], index: i };
      return undefined;
    }
    case 'end': {
      if (!sc) return scopeErr('end', 'resource');
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      const e = checkEnd(sc, cfg);
      if (e) return e;
      putBack(cfg, sc);
      se.scope = undefined;
      se.dirty = true;
      return undefined;
    }
    case 'cancel':
      if (!sc) return scopeErr('cancel', 'resource');
      se.scope = undefined;
      return undefined;
    case 'remove':
      return remove(se, c);
    case 'clear': {
      if (!w0) return 'syntax error';
      if (sc) {
        (sc.res as Record<string, unknown>)[w0] = undefined;
        return undefined;
      }
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      const alias = GLOBAL_ALIASES[w0];
      if (alias) cfg.rctls = cfg.rctls.filter((r) => r.name !== alias);
      else if (w0 === 'autoboot') cfg.autoboot = false;
      else if (['limitpriv', 'bootargs', 'pool', 'hostid'].includes(w0)) delete cfg[w0 as 'limitpriv'];
      else if (w0 === 'scheduling-class') delete cfg.schedulingClass;
      else if (w0 === 'fs-allowed') delete cfg.fsAllowed;
      else return 'syntax error';
      se.dirty = true;
      return undefined;
    }
    case 'verify': {
      if (sc) return scopeErr('verify', 'global');
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      return verify(cfg);
    }
    case 'commit': {
      if (sc) return scopeErr('commit', 'global');
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      se.dirty = true;
      return commit(se);
    }
    case 'revert':
      se.cfg = undefined;
      se.dirty = false;
      return undefined;
    case 'delete': {
      if (sc) return scopeErr('delete', 'global');
      const z = zone(se);
      if (!z) return `${se.name}: No such zone configured`;
      if (!c.flags.some((f) => f.includes('F'))) {
        se.done = true;
        return 'Input not from terminal and -F not specified:\ndelete command ignored, exiting.';
      }
      if (isInstalled(z)) return `Zone ${se.name} already installed; delete not allowed.`;
      se.s.zones = se.s.zones.filter((x) => x !== z);
      se.cfg = undefined;
      se.dirty = false;
      return undefined;
    }
    case 'export': {
      if (sc) return scopeErr('export', 'global');
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      const text = exportConfig(cfg);
      if (c.flags.includes('-f') && w0) fs.writeFileSync(se.path ? se.path(w0) : w0, text);
      else se.out(text);
      return undefined;
    }
    case 'info': {
      const cfg = need(se);
      if (typeof cfg === 'string') return cfg;
      se.out(infoText(se.name, cfg, w0, c.assigns));
      return undefined;
    }
    case 'exit':
    case 'quit':
      se.done = true;
      return undefined;
    case 'help':
      return undefined;
    default:
      return 'syntax error';
  }
}

function putBack(cfg: ZoneConfig, sc: Scope): void {
  if (sc.type === 'capped-memory' || sc.type === 'capped-cpu') {
    applyCaps(sc, cfg);
    return;
  }
  const put = <T>(list: T[], item: T): void => {
    if (sc.index === undefined) list.push(item);
    else list[sc.index] = item;
  };
  switch (sc.type) {
    case 'net':
      put(cfg.nets, sc.res as NetRes);
      break;
    case 'device':
      put(cfg.devices, sc.res as DeviceRes);
      break;
    case 'rctl':
      put(cfg.rctls, sc.res as Rctl);
      break;
    case 'attr':
      put(cfg.attrs, sc.res as AttrRes);
      break;
    case 'fs':
      put(cfg.fs, sc.res as FsRes);
      break;
    case 'dataset':
      put(cfg.datasets, (sc.res as { name: string }).name);
      break;
  }
}

/** At the end of the input an uncommitted configuration is committed (file and argv modes). */
export function finish(se: Session): string | undefined {
  if (se.scope) return 'resource specification incomplete';
  return commit(se);
}

export type { Session } from './zonecfg-session.ts';
