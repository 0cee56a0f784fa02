// /etc/zones/<zone>.xml as libzonecfg writes it through libxml2.
// [UNCERTAIN] exact byte layout: attribute order, child order (grouped by kind
// here, libzonecfg appends in insertion order) and the absence of the
// "DO NOT EDIT" comment are our choices; element and attribute names follow
// usr/src/lib/libzonecfg/dtd/zonecfg.dtd.1.
import type { Zone } from './state.ts';

export function xmlEscape(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attrs = Array<[string, string | undefined]>;

function open(tag: string, attrs: Attrs): string {
  const a = attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xmlEscape(v ?? '')}"`);
  return `<${tag}${a.join('')}`;
}

function element(indent: string, tag: string, attrs: Attrs, children: string[]): string {
  if (children.length === 0) return `${indent}${open(tag, attrs)}/>\n`;
  return `${indent}${open(tag, attrs)}>\n${children.join('')}${indent}</${tag}>\n`;
}

export function zoneXml(z: Zone): string {
  const c = z.config;
  const kids: string[] = [];
  const I = '  ';
  const II = '    ';
  for (const f of c.fs) {
    const opts = f.options.map((o) => element(II, 'fsoption', [['name', o]], []));
    kids.push(element(I, 'filesystem', [['special', f.special], ['directory', f.dir], ['type', f.type], ['raw', f.raw]], opts));
  }
  for (const n of c.nets) {
    const props = n.properties.map((p) => element(II, 'net-attr', [['name', p.name], ['value', p.value]], []));
    kids.push(
      element(
        I,
        'network',
        [
          ['address', n.address],
          ['physical', n.physical],
          ['allowed-address', n.allowedAddress],
          ['defrouter', n.defrouter],
          ['global-nic', n.globalNic],
          ['mac-addr', n.macAddr],
          ['vlan-id', n.vlanId],
        ],
        props,
      ),
    );
  }
  for (const d of c.devices) {
    const props = d.properties.map((p) => element(II, 'net-attr', [['name', p.name], ['value', p.value]], []));
    kids.push(element(I, 'device', [['match', d.match]], props));
  }
  for (const r of c.rctls) {
    const vals = r.values.map((v) => element(II, 'rctl-value', [['priv', v.priv], ['limit', v.limit], ['action', v.action]], []));
    kids.push(element(I, 'rctl', [['name', r.name]], vals));
  }
  for (const a of c.attrs) kids.push(element(I, 'attr', [['name', a.name], ['type', a.type], ['value', a.value]], []));
  for (const d of c.datasets) kids.push(element(I, 'dataset', [['name', d]], []));
  const zoneAttrs: Attrs = [
    ['name', z.name],
    ['zonepath', c.zonepath],
    ['autoboot', c.autoboot ? 'true' : 'false'],
    ['brand', c.brand],
    ['ip-type', c.ipType],
    ['limitpriv', c.limitpriv],
    ['bootargs', c.bootargs],
    ['pool', c.pool],
    ['scheduling-class', c.schedulingClass],
    ['fs-allowed', c.fsAllowed],
    ['hostid', c.hostid],
    ['debugid', z.debugid === undefined ? undefined : String(z.debugid)],
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">\n' +
    element('', 'zone', zoneAttrs, kids)
  );
}
