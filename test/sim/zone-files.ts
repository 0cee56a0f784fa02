// Keeps $KILN_SIM_ROOT/etc/zones/{index,<zone>.xml} in step with the zones,
// as zonecfg and zoneadm do on illumos.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { traits } from './flavours.ts';
import { zoneXml } from './xml.ts';
import type { SimState, Zone } from './state.ts';

/** The index records only persistent states; a running zone is `installed`. */
function indexState(z: Zone): string {
  return z.state === 'configured' || z.state === 'incomplete' ? z.state : 'installed';
}

export function indexLine(s: SimState, z: Zone): string {
  const zp = z.config.zonepath ?? '';
  // getzoneent.c double-quotes a zonepath that contains ':'
  const fields = [z.name, indexState(z), zp.includes(':') ? `"${zp}"` : zp, z.config.uuid ?? ''];
  if (traits(s).indexHasBrand) {
    fields.push(z.config.brand, z.config.ipType === 'exclusive' ? 'excl' : 'shared', z.debugid === undefined ? '' : String(z.debugid));
  }
  return fields.join(':');
}

export function zonesIndex(s: SimState): string {
  return ['global:installed:/', ...s.zones.map((z) => indexLine(s, z))].join('\n') + '\n';
}

function writeIfChanged(file: string, text: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    // missing: write it
  }
  fs.writeFileSync(file, text);
}

export function syncZoneFiles(root: string, s: SimState): void {
  const dir = path.join(root, 'etc', 'zones');
  fs.mkdirSync(dir, { recursive: true });
  writeIfChanged(path.join(dir, 'index'), zonesIndex(s));
  const keep = new Set<string>();
  for (const z of s.zones) {
    keep.add(`${z.name}.xml`);
    writeIfChanged(path.join(dir, `${z.name}.xml`), zoneXml(z));
  }
  for (const f of fs.readdirSync(dir)) {
    // Only configuration files of zones that no longer exist; leave the rest alone.
    if (f.endsWith('.xml') && !keep.has(f) && !f.startsWith('SUNW')) fs.rmSync(path.join(dir, f), { force: true });
  }
}
