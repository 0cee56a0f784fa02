// zonecfg resource scopes: which properties each resource takes, how `set`,
// `add property/value/options` and `end` check them (§4.2).
// [UNCERTAIN] messages not quoted in the reference (bad vlan-id, ncpus or capped-memory
// values, duplicate net/rctl, unknown zone rctl, invalid priv/limit/action) are ours.
import { parseZonecfgBytes } from '../format.ts';
import { CPU_CAP, MCAP_ALIASES, rctlInfo } from '../rctls.ts';
import type { AttrRes, DeviceRes, FsRes, NameValue, NetRes, Rctl, RctlValue, ZoneConfig } from '../state.ts';
import type { Val } from './zonecfg-lex.ts';

export type ResType = 'net' | 'device' | 'rctl' | 'attr' | 'dataset' | 'fs' | 'capped-memory' | 'capped-cpu';

export const RES_TYPES: ResType[] = ['net', 'device', 'rctl', 'attr', 'dataset', 'fs', 'capped-memory', 'capped-cpu'];

export interface Mcap {
  physical?: string;
  swap?: string;
  locked?: string;
}

export interface Pcap {
  ncpus?: string;
}

export interface Scope {
  type: ResType;
  /** the resource being edited (a copy when selected) */
  res: NetRes | DeviceRes | Rctl | AttrRes | { name?: string } | FsRes | Mcap | Pcap;
  /** index of the selected original, undefined for `add` */
  index?: number;
}

export const RES_PROPS: Record<ResType, string[]> = {
  net: ['address', 'allowed-address', 'defrouter', 'global-nic', 'mac-addr', 'physical', 'vlan-id'],
  device: ['match'],
  rctl: ['name'],
  attr: ['name', 'type', 'value'],
  dataset: ['name'],
  fs: ['dir', 'special', 'raw', 'type'],
  'capped-memory': ['physical', 'swap', 'locked'],
  'capped-cpu': ['ncpus'],
};

const NET_KEYS: Record<string, keyof NetRes> = {
  address: 'address',
  'allowed-address': 'allowedAddress',
  defrouter: 'defrouter',
  'global-nic': 'globalNic',
  'mac-addr': 'macAddr',
  physical: 'physical',
  'vlan-id': 'vlanId',
};
const FS_KEYS: Record<string, keyof FsRes> = { dir: 'dir', special: 'special', raw: 'raw', type: 'type' };

export function newRes(type: ResType): Scope['res'] {
  if (type === 'net' || type === 'device') return { properties: [] };
  if (type === 'rctl') return { name: '', values: [] };
  if (type === 'fs') return { options: [] };
  return {};
}

/** Read a resource property back (for select/remove matching and info). */
export function getProp(type: ResType, res: Scope['res'], prop: string): string | undefined {
  if (type === 'net') return (res as NetRes)[NET_KEYS[prop] ?? 'physical'] as string | undefined;
  if (type === 'fs') return (res as FsRes)[FS_KEYS[prop] ?? 'dir'] as string | undefined;
  if (type === 'rctl') return prop === 'name' ? (res as Rctl).name || undefined : undefined;
  return (res as Record<string, string | undefined>)[prop];
}

/** `set prop=value` inside a resource scope; returns an error text. */
export function setResProp(sc: Scope, prop: string, val: Val): string | undefined {
  if (!RES_PROPS[sc.type].includes(prop)) return `${prop}: invalid property for resource type ${sc.type}`;
  if (val.t !== 'simple') return `${prop}: a simple value was expected`;
  const v = val.v;
  switch (sc.type) {
    case 'net':
      if (prop === 'vlan-id' && !(/^\d+$/.test(v) && Number(v) <= 4094)) return `vlan-id: Invalid argument`;
      (sc.res as NetRes)[NET_KEYS[prop] ?? 'physical'] = v as never;
      return undefined;
    case 'fs':
      (sc.res as FsRes)[FS_KEYS[prop] ?? 'dir'] = v as never;
      return undefined;
    case 'rctl':
      (sc.res as Rctl).name = v;
      return undefined;
    case 'attr':
      if (prop === 'type' && !['boolean', 'int', 'uint', 'string'].includes(v)) return `invalid attr type '${v}'`;
      if (prop === 'name' && !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(v))
        return `Invalid attr name ${v}: can only contain alpha-numeric characters, plus '-' and '.'.`;
      (sc.res as AttrRes)[prop as 'name' | 'type' | 'value'] = v;
      return undefined;
    case 'capped-memory':
      if (parseZonecfgBytes(v) === undefined) return `${prop}: invalid value '${v}'`;
      (sc.res as Mcap)[prop as keyof Mcap] = v;
      return undefined;
    case 'capped-cpu':
      if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) return `ncpus: invalid value '${v}'`;
      (sc.res as Pcap).ncpus = v;
      return undefined;
    default:
      (sc.res as Record<string, string>)[prop] = v;
      return undefined;
  }
}

function pairs(val: Val | undefined): Record<string, string> | undefined {
  if (!val || val.t !== 'complex') return undefined;
  return Object.fromEntries(val.pairs);
}

/** `add property|value|options ...` inside a resource scope. */
export function addInScope(sc: Scope, what: string, val: Val | undefined, words: string[]): string | undefined {
  if (what === 'property' && (sc.type === 'net' || sc.type === 'device')) {
    const p = pairs(val);
    if (!p || p['name'] === undefined) return 'property: name not specified';
    if (p['value'] === undefined) return 'property: value not specified';
    const nv: NameValue = { name: p['name'], value: p['value'] };
    (sc.res as NetRes).properties.push(nv);
    return undefined;
  }
  if (what === 'value' && sc.type === 'rctl') {
    const p = pairs(val);
    if (!p || p['priv'] === undefined) return 'priv not specified';
    if (p['limit'] === undefined) return 'limit not specified';
    if (p['action'] === undefined) return 'action not specified';
    if (!['privileged', 'basic', 'system'].includes(p['priv'])) return `invalid priv value '${p['priv']}'`;
    if (!/^\d+$/.test(p['limit'])) return `invalid limit value '${p['limit']}'`;
    if (!/^(none|deny|signal=\w+)$/.test(p['action'])) return `invalid action value '${p['action']}'`;
    const rv: RctlValue = { priv: p['priv'], limit: p['limit'], action: p['action'] };
    (sc.res as Rctl).values.push(rv);
    return undefined;
  }
  if (what === 'options' && sc.type === 'fs') {
    const items = val?.t === 'list' ? val.items : words;
    (sc.res as FsRes).options.push(...items);
    return undefined;
  }
  return `The add ${what} command only makes sense in the ${what === 'options' ? 'fs' : 'net, device or rctl'} resource scope.`;
}

/** Check a finished resource; returns an error text or the rctls a capped-* resource becomes. */
export function checkEnd(sc: Scope, cfg: ZoneConfig): string | undefined {
  const need = (prop: string, v: string | undefined): string | undefined => (v ? undefined : `${sc.type}: ${prop} not specified`);
  switch (sc.type) {
    case 'net': {
      const n = sc.res as NetRes;
      const e = need('physical', n.physical);
      if (e) return e;
      if (cfg.nets.some((x, i) => i !== sc.index && x.physical === n.physical)) return `net: physical '${n.physical}' already in use`;
      return undefined;
    }
    case 'device':
      return need('match', (sc.res as DeviceRes).match);
    case 'rctl': {
      const r = sc.res as Rctl;
      const e = need('name', r.name);
      if (e) return e;
      if (r.name.startsWith('zone.') && !rctlInfo(r.name)) return `rctl: '${r.name}' is not a valid zone rctl`;
      if (r.values.length === 0) return 'rctl: value not specified';
      if (cfg.rctls.some((x, i) => i !== sc.index && x.name === r.name)) return `rctl: '${r.name}' already exists`;
      return undefined;
    }
    case 'attr': {
      const a = sc.res as AttrRes;
      const e = need('name', a.name) ?? need('type', a.type) ?? (a.value === undefined ? `attr: value not specified` : undefined);
      if (e) return e;
      const v = a.value ?? '';
      const ok =
        a.type === 'string' ||
        (a.type === 'boolean' && (v === 'true' || v === 'false')) ||
        (a.type === 'int' && /^-?\d+$/.test(v)) ||
        (a.type === 'uint' && /^\d+$/.test(v));
      return ok ? undefined : `invalid attr value for type=${a.type}`;
    }
    case 'dataset':
      return need('name', (sc.res as { name?: string }).name);
    case 'fs': {
      const f = sc.res as FsRes;
      return need('dir', f.dir) ?? need('special', f.special) ?? need('type', f.type);
    }
    case 'capped-memory': {
      const m = sc.res as Mcap;
      if (!m.physical && !m.swap && !m.locked) return 'capped-memory: physical, swap or locked not specified';
      return undefined;
    }
    case 'capped-cpu':
      return need('ncpus', (sc.res as Pcap).ncpus);
  }
}

/** Store a capped-memory/capped-cpu scope as rctls (replacing what it covers). */
export function applyCaps(sc: Scope, cfg: ZoneConfig): void {
  const put = (name: string, limit: string | undefined): void => {
    cfg.rctls = cfg.rctls.filter((r) => r.name !== name);
    if (limit !== undefined) cfg.rctls.push({ name, values: [{ priv: 'privileged', limit, action: 'deny' }] });
  };
  if (sc.type === 'capped-memory') {
    const m = sc.res as Mcap;
    for (const [prop, rctl] of Object.entries(MCAP_ALIASES)) {
      const v = m[prop as keyof Mcap];
      put(rctl, v === undefined ? undefined : String(parseZonecfgBytes(v)));
    }
  } else if (sc.type === 'capped-cpu') {
    const n = (sc.res as Pcap).ncpus;
    put(CPU_CAP, n === undefined ? undefined : String(Math.round(Number(n) * 100)));
  }
}

/** The capped-memory/capped-cpu view of a config's rctls (for select/info/duplicates). */
export function capsOf(cfg: ZoneConfig, type: 'capped-memory' | 'capped-cpu'): Mcap | Pcap | undefined {
  const lim = (name: string): string | undefined => cfg.rctls.find((r) => r.name === name)?.values[0]?.limit;
  if (type === 'capped-cpu') {
    const v = lim(CPU_CAP);
    return v === undefined ? undefined : { ncpus: String(Number(v) / 100) };
  }
  const m: Mcap = {};
  for (const [prop, rctl] of Object.entries(MCAP_ALIASES)) {
    const v = lim(rctl);
    if (v !== undefined) m[prop as keyof Mcap] = v;
  }
  return Object.keys(m).length > 0 ? m : undefined;
}

/** The list a resource type lives in. */
export function listOf(cfg: ZoneConfig, type: ResType): unknown[] {
  switch (type) {
    case 'net':
      return cfg.nets;
    case 'device':
      return cfg.devices;
    case 'rctl':
      return cfg.rctls;
    case 'attr':
      return cfg.attrs;
    case 'fs':
      return cfg.fs;
    case 'dataset':
      return cfg.datasets.map((name) => ({ name }));
    default:
      return [];
  }
}
