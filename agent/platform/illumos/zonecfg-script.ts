// zonecfg's command language for a whole new zone and for changes to one.
// Values are quoted where zonecfg allows free text; names were validated.
import type { DesiredZoneConfig, DeviceSpec, NetSpec, RctlSpec, ZoneConfigChange } from '../../plan/zone-config.ts';

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function propLines(props: Record<string, string>): string[] {
  return Object.keys(props).sort().map((k) => `add property (name=${k},value=${quote(props[k] as string)})`);
}

function net(n: NetSpec): string[] {
  const out = ['add net', `set physical=${n.physical}`];
  if (n.allowedAddress) out.push(`set allowed-address=${n.allowedAddress}`);
  if (n.defrouter) out.push(`set defrouter=${n.defrouter}`);
  return out.concat(propLines(n.properties), ['end']);
}

function device(d: DeviceSpec): string[] {
  return ['add device', `set match=${d.match}`].concat(propLines(d.properties), ['end']);
}

function rctl(r: RctlSpec): string[] {
  return ['add rctl', `set name=${r.name}`, `add value (priv=privileged,limit=${r.limit},action=${r.action})`, 'end'];
}

function attr(name: string, value: string): string[] {
  return ['add attr', `set name=${name}`, 'set type=string', `set value=${quote(value)}`, 'end'];
}

/** The script that configures a new zone from nothing. */
export function configureScript(c: DesiredZoneConfig, flavour: 'smartos' | 'illumos'): string[] {
  let out = ['create -b', `set zonepath=${c.zonepath}`, `set brand=${c.brand}`, `set autoboot=${c.autoboot}`, 'set ip-type=exclusive'];
  if (c.uuid && flavour === 'smartos') out.push(`set uuid=${c.uuid}`);
  for (const n of c.nets) out = out.concat(net(n));
  for (const d of c.devices) out = out.concat(device(d));
  for (const r of c.rctls) out = out.concat(rctl(r));
  for (const k of Object.keys(c.attrs).sort()) out = out.concat(attr(k, c.attrs[k] as string));
  return out.concat(['commit']);
}

/** The script that applies changes to a configured zone. */
export function updateScript(changes: ZoneConfigChange[]): string[] {
  let out: string[] = [];
  for (const ch of changes) {
    switch (ch.kind) {
      case 'setAutoboot':
        out.push(`set autoboot=${ch.value}`);
        break;
      case 'addNet':
        out = out.concat(net(ch.net));
        break;
      case 'replaceNet':
        out = out.concat([`remove net physical=${ch.net.physical}`], net(ch.net));
        break;
      case 'addDevice':
        out = out.concat(device(ch.device));
        break;
      case 'replaceDevice':
        out = out.concat([`remove device match=${ch.device.match}`], device(ch.device));
        break;
      case 'setRctl':
        out = out.concat(ch.existed ? [`remove rctl name=${ch.rctl.name}`] : [], rctl(ch.rctl));
        break;
      case 'setAttr':
        out = out.concat(ch.existed ? [`remove attr name=${ch.name}`] : [], attr(ch.name, ch.value));
        break;
    }
  }
  return out.concat(['commit']);
}
