// zonecfg export (command syntax starting with `create -b`) and info.
import type { ZoneConfig } from '../state.ts';
import type { Val } from './zonecfg-lex.ts';
import { capsOf } from './zonecfg-res.ts';

/** [UNCERTAIN] which characters make export quote a value. */
function q(v: string): string {
  return v === '' || /[\s"'`()[\];,=#]/.test(v) ? `"${v}"` : v;
}

export function exportConfig(c: ZoneConfig): string {
  const L: string[] = ['create -b'];
  const set = (k: string, v: string | undefined): void => {
    if (v !== undefined) L.push(`set ${k}=${q(v)}`);
  };
  set('zonepath', c.zonepath);
  set('brand', c.brand);
  set('autoboot', c.autoboot ? 'true' : 'false');
  set('bootargs', c.bootargs);
  set('pool', c.pool);
  set('limitpriv', c.limitpriv);
  set('scheduling-class', c.schedulingClass);
  set('ip-type', c.ipType);
  set('hostid', c.hostid);
  set('fs-allowed', c.fsAllowed);
  set('uuid', c.uuid);
  for (const f of c.fs) {
    L.push('add fs');
    set('dir', f.dir);
    set('special', f.special);
    set('raw', f.raw);
    set('type', f.type);
    if (f.options.length > 0) L.push(`add options [${f.options.join(',')}]`);
    L.push('end');
  }
  for (const n of c.nets) {
    L.push('add net');
    set('address', n.address);
    set('allowed-address', n.allowedAddress);
    set('physical', n.physical);
    set('defrouter', n.defrouter);
    set('global-nic', n.globalNic);
    set('mac-addr', n.macAddr);
    set('vlan-id', n.vlanId);
    for (const p of n.properties) L.push(`add property (name=${p.name},value="${p.value}")`);
    L.push('end');
  }
  for (const d of c.devices) {
    L.push('add device');
    set('match', d.match);
    for (const p of d.properties) L.push(`add property (name=${p.name},value="${p.value}")`);
    L.push('end');
  }
  for (const r of c.rctls) {
    L.push('add rctl');
    set('name', r.name);
    for (const v of r.values) L.push(`add value (priv=${v.priv},limit=${v.limit},action=${v.action})`);
    L.push('end');
  }
  for (const a of c.attrs) {
    L.push('add attr');
    set('name', a.name);
    set('type', a.type);
    set('value', a.value);
    L.push('end');
  }
  for (const d of c.datasets) {
    L.push('add dataset');
    set('name', d);
    L.push('end');
  }
  return L.map((l) => `${l}\n`).join('');
}

function field(k: string, v: string | undefined): string {
  return v === undefined ? `\t${k} not specified\n` : `\t${k}: ${v}\n`;
}

/** [UNCERTAIN] layout of the full `info` listing; `info <prop>` prints `prop: value`. */
export function infoText(name: string, c: ZoneConfig, what: string | undefined, _filter: Array<[string, Val]>): string {
  const globals: Record<string, string | undefined> = {
    zonename: name,
    zonepath: c.zonepath,
    brand: c.brand,
    autoboot: c.autoboot ? 'true' : 'false',
    bootargs: c.bootargs,
    pool: c.pool,
    limitpriv: c.limitpriv,
    'scheduling-class': c.schedulingClass,
    'ip-type': c.ipType,
    hostid: c.hostid,
    'fs-allowed': c.fsAllowed,
    uuid: c.uuid,
  };
  if (what !== undefined && what in globals) return `${what}: ${globals[what] ?? ''}\n`;
  let s = '';
  if (what === undefined) for (const [k, v] of Object.entries(globals)) s += `${k}: ${v ?? ''}\n`;
  const want = (r: string): boolean => what === undefined || what === r;
  if (want('fs'))
    for (const f of c.fs)
      s += `fs:\n${field('dir', f.dir)}${field('special', f.special)}${field('raw', f.raw)}${field('type', f.type)}\toptions: [${f.options.join(',')}]\n`;
  if (want('net'))
    for (const n of c.nets) {
      s += `net:\n${field('address', n.address)}${field('allowed-address', n.allowedAddress)}${field('physical', n.physical)}${field('defrouter', n.defrouter)}`;
      if (n.globalNic !== undefined) s += field('global-nic', n.globalNic);
      if (n.macAddr !== undefined) s += field('mac-addr', n.macAddr);
      if (n.vlanId !== undefined) s += field('vlan-id', n.vlanId);
      for (const p of n.properties) s += `\tproperty: (name=${p.name},value="${p.value}")\n`;
    }
  if (want('device'))
    for (const d of c.devices) {
      s += `device:\n${field('match', d.match)}`;
      for (const p of d.properties) s += `\tproperty: (name=${p.name},value="${p.value}")\n`;
    }
  if (want('capped-memory')) {
    const m = capsOf(c, 'capped-memory') as Record<string, string> | undefined;
    if (m) s += 'capped-memory:\n' + Object.entries(m).map(([k, v]) => `\t${k}: ${v}\n`).join('');
  }
  if (want('capped-cpu')) {
    const p = capsOf(c, 'capped-cpu') as Record<string, string> | undefined;
    if (p) s += `capped-cpu:\n\t[ncpus: ${p['ncpus']}]\n`;
  }
  if (want('rctl'))
    for (const r of c.rctls) s += `rctl:\n\tname: ${r.name}\n` + r.values.map((v) => `\tvalue: (priv=${v.priv},limit=${v.limit},action=${v.action})\n`).join('');
  if (want('attr')) for (const a of c.attrs) s += `attr:\n${field('name', a.name)}${field('type', a.type)}${field('value', a.value)}`;
  if (want('dataset')) for (const d of c.datasets) s += `dataset:\n\tname: ${d}\n`;
  return s;
}
