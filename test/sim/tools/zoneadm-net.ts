// What zone boot and halt do to datalinks: an exclusive-stack zone takes its
// GZ VNICs (vanilla) or gets VNICs created from `global-nic` (SmartOS brand
// hooks: `dladm create-vnic -t -l <nic> -p zone=<zone> -m <mac> ...`).
import { formatMac, normaliseMac, prng } from '../format.ts';
import type { Link, SimState, Zone } from '../state.ts';

/** The link a nic tag names: `<tag>_nic=<mac>` boot parameter, or an etherstub/link of that name. */
function linkForTag(s: SimState, tag: string): Link | undefined {
  const mac = s.bootparams[`${tag}_nic`];
  const norm = mac === undefined ? undefined : normaliseMac(mac);
  if (norm) {
    const l = s.links.find((x) => x.class === 'phys' && x.mac === norm);
    if (l) return l;
  }
  return s.links.find((x) => x.name === tag && !x.nsZone && x.class !== 'vnic');
}

/** Attach the zone's links; returns an error text when a link is missing. */
export function plumbZone(s: SimState, z: Zone): string | undefined {
  if (z.config.ipType !== 'exclusive') return undefined;
  const plans: Array<() => void> = [];
  for (const n of z.config.nets) {
    const phys = n.physical ?? '';
    if (n.globalNic !== undefined) {
      const over = linkForTag(s, n.globalNic);
      // [UNCERTAIN] wording of the brand hook's failure
      if (!over) return `Invalid nic tag "${n.globalNic}"`;
      plans.push(() => {
        let mac = n.macAddr === undefined ? undefined : normaliseMac(n.macAddr);
        if (!mac) {
          s.counters.mac++;
          const r = prng(s.counters.mac);
          mac = formatMac([2, 8, 0x20, (r >>> 16) & 0xff, (r >>> 8) & 0xff, r & 0xff]);
        }
        s.links.push({
          name: phys,
          class: 'vnic',
          mtu: 1500,
          state: 'up',
          over: over.name,
          vid: Number(n.vlanId ?? '0'),
          mac,
          macType: 'fixed',
          zone: z.name,
          nsZone: z.name,
          temporary: true,
        });
      });
      continue;
    }
    const link = s.links.find((x) => x.name === phys && !x.nsZone && !x.zone);
    // [UNCERTAIN] zoneadmd's message for a missing exclusive-stack link
    if (!link) return `WARNING: skipping network interface '${phys}': object not found`;
    plans.push(() => {
      link.zone = z.name;
    });
  }
  for (const p of plans) p();
  return undefined;
}

/** Give the zone's links back: created VNICs go away, GZ VNICs return to the GZ. */
export function unplumbZone(s: SimState, z: Zone): void {
  s.links = s.links.filter((l) => l.nsZone !== z.name);
  for (const l of s.links) if (l.zone === z.name && z.config.nets.some((n) => n.physical === l.name)) delete l.zone;
}
