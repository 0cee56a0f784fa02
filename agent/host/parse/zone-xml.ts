// /etc/zones/<zone>.xml as libzonecfg writes it (zonecfg.dtd.1) → ZoneConfig.
// Strict: malformed XML, a root other than <zone>, or a resource missing its
// required attribute throws ParseError. Elements kiln does not model (fs,
// mcap, pset, admin...) are ignored.
import type { RctlValue, ZoneConfig, ZoneDeviceConfig, ZoneNetConfig } from '../facts.ts';
import { ParseError } from './errors.ts';
import { normaliseMac } from './mac.ts';
import { parseXml } from './xml.ts';
import type { XmlElement } from './xml.ts';

/** An attribute, treating the DTD default "" as absent. */
function opt(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name];
  return v === undefined || v === '' ? undefined : v;
}

function req(el: XmlElement, name: string): string {
  const v = el.attrs[name];
  if (v === undefined) throw new ParseError(`<${el.name}> without ${name}`);
  return v;
}

/** `<net-attr name= value=/>` children → name → value. */
function netAttrs(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of el.children) if (c.name === 'net-attr') out[req(c, 'name')] = req(c, 'value');
  return out;
}

function network(el: XmlElement): ZoneNetConfig {
  const n: ZoneNetConfig = { physical: req(el, 'physical'), properties: netAttrs(el) };
  const address = opt(el, 'address');
  const allowed = opt(el, 'allowed-address');
  const defrouter = opt(el, 'defrouter');
  const globalNic = opt(el, 'global-nic');
  const mac = opt(el, 'mac-addr');
  const vlan = opt(el, 'vlan-id');
  if (address !== undefined) n.address = address;
  if (allowed !== undefined) n.allowedAddress = allowed;
  if (defrouter !== undefined) n.defrouter = defrouter;
  if (globalNic !== undefined) n.globalNic = globalNic;
  // normalised like dladm prints it, so it compares with VNIC facts; kept as is if odd
  if (mac !== undefined) n.macAddr = normaliseMac(mac) || mac;
  if (vlan !== undefined) n.vlanId = vlan;
  return n;
}

function device(el: XmlElement): ZoneDeviceConfig {
  return { match: req(el, 'match'), properties: netAttrs(el) };
}

function rctlValues(el: XmlElement): RctlValue[] {
  return el.children
    .filter((c) => c.name === 'rctl-value')
    .map((c) => ({ priv: req(c, 'priv'), limit: req(c, 'limit'), action: req(c, 'action') }));
}

/** Parse one zone's stored configuration. `ipType` is as stored: `exclusive` or `shared`. */
export function parseZoneXml(text: string): ZoneConfig {
  const zone = parseXml(text);
  if (zone.name !== 'zone') throw new ParseError(`root element is <${zone.name}>, not <zone>`);
  const autoboot = req(zone, 'autoboot');
  if (autoboot !== 'true' && autoboot !== 'false') throw new ParseError(`autoboot '${autoboot}'`);
  const cfg: ZoneConfig = {
    name: req(zone, 'name'),
    zonepath: req(zone, 'zonepath'),
    autoboot: autoboot === 'true',
    brand: opt(zone, 'brand') || '',
    // the DTD default is "", which libzonecfg reads as shared
    ipType: opt(zone, 'ip-type') || 'shared',
    nets: [],
    devices: [],
    rctls: {},
    attrs: {},
    datasets: [],
  };
  const limitpriv = opt(zone, 'limitpriv');
  if (limitpriv !== undefined) cfg.limitpriv = limitpriv;
  for (const c of zone.children) {
    if (c.name === 'network') cfg.nets.push(network(c));
    else if (c.name === 'device') cfg.devices.push(device(c));
    else if (c.name === 'rctl') {
      const name = req(c, 'name');
      cfg.rctls[name] = (cfg.rctls[name] || []).concat(rctlValues(c));
    } else if (c.name === 'attr') cfg.attrs[req(c, 'name')] = { type: req(c, 'type'), value: req(c, 'value') };
    else if (c.name === 'dataset') cfg.datasets.push(req(c, 'name'));
  }
  return cfg;
}
