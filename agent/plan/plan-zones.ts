// Zones and hardware guests: configure → install → boot, then caps. Caps on a
// running zone are set live with prctl (replace when a privileged value
// exists, set when not, decided from the facts) and kept in zonecfg so they
// hold after a reboot; a zone that is not running gets zonecfg only, and its
// boot applies them. No zone is rebooted, halted or uninstalled.
import type { ZoneFact } from '../host/facts.ts';
import type { Zone } from '../profile/v1/types.ts';
import type { PlanContext } from './context.ts';
import { poolResource } from './plan-storage.ts';
import { vnicResource } from './plan-network.ts';
import { desiredZoneConfig, diffZoneConfig, guestDiskName, zoneRctls } from './zone-config.ts';

export function zoneResource(name: string): string {
  return `zone/${name}`;
}

/** The dataset under a zone's root: /zones/web → zones/web. */
export function zoneDataset(zone: Zone): string {
  return zone.zonepath.replace(/^\//, '');
}

function planGuestDisks(ctx: PlanContext, zone: Zone, deps: Array<string | undefined>): Array<string | undefined> {
  const res = zoneResource(zone.name);
  const out: Array<string | undefined> = [];
  if (!zone.guest) return out;
  zone.guest.disks.forEach((d, i) => {
    const name = guestDiskName(zone, i);
    const have = ctx.facts.datasets.filter((x) => x.name === name)[0];
    if (d.volume) {
      if (!have && !ctx.profile.pools.some((p) => p.datasets.some((x) => `${p.name}/${x.name}` === name))) out.push(ctx.fail(res, `disk ${i} names volume ${name}, which neither exists nor is declared`, deps));
      else out.push(ctx.after(`dataset/${name}`));
      return;
    }
    if (have) return;
    out.push(ctx.add(res, `disk${i}`, { kind: 'createDataset', name, props: {}, volume: { size: d.size as number, sparse: false } }, `guest disk ${i} (${name}) does not exist`, deps, true));
  });
  return out;
}

function planQuota(ctx: PlanContext, zone: Zone, deps: Array<string | undefined>): string | undefined {
  if (zone.caps.quota === undefined) return undefined;
  const ds = zoneDataset(zone);
  const have = ctx.facts.datasets.filter((x) => x.name === ds)[0];
  if (have && have.quota === zone.caps.quota) return undefined;
  return ctx.add(zoneResource(zone.name), 'quota', { kind: 'setDatasetProps', name: ds, props: { quota: String(zone.caps.quota) } }, `quota ${have ? have.quota || 'none' : 'unset'} → ${zone.caps.quota}`, deps, false);
}

function planLiveCaps(ctx: PlanContext, zone: Zone, deps: Array<string | undefined>): void {
  const live = ctx.facts.rctls[zone.name];
  if (!live) {
    ctx.fail(zoneResource(zone.name), `zone ${zone.name} is running but its live resource controls could not be read`, deps);
    return;
  }
  for (const r of zoneRctls(zone)) {
    const cur = live[r.name];
    if (cur === r.limit) continue;
    ctx.add(zoneResource(zone.name), `rctl:${r.name}`, { kind: 'setRctl', zone: zone.name, rctl: r.name, value: r.limit, replace: cur !== undefined }, `live ${r.name} ${cur === undefined ? 'unset' : cur} → ${r.limit}`, deps, false);
  }
}

function planExisting(ctx: PlanContext, zone: Zone, have: ZoneFact, deps: Array<string | undefined>): void {
  const res = zoneResource(zone.name);
  if (!have.config) {
    ctx.fail(res, `zone ${zone.name} exists but its configuration (/etc/zones/${zone.name}.xml) could not be read`, deps);
    return;
  }
  if (have.brand !== zone.brand) {
    ctx.fail(res, `zone ${zone.name} exists with brand ${have.brand}; the profile says ${zone.brand}, and a brand cannot change in place`, deps);
    return;
  }
  if (have.zonepath !== zone.zonepath) {
    ctx.fail(res, `zone ${zone.name} exists at ${have.zonepath}; the profile says ${zone.zonepath}`, deps);
    return;
  }
  const changes = diffZoneConfig(desiredZoneConfig(zone, ctx.facts.flavour), have.config);
  const update = changes.length ? ctx.add(res, 'config', { kind: 'updateZoneConfig', zone: zone.name, changes }, `zonecfg: ${changes.map((c) => c.kind).join(', ')}`, deps, false) : undefined;
  const after = deps.concat([update]);
  switch (have.state) {
    case 'configured': {
      const install = ctx.add(res, 'install', installOp(zone), 'configured, not installed', after, true);
      const quota = planQuota(ctx, zone, [install]);
      if (zone.autoboot) ctx.add(res, 'boot', { kind: 'bootZone', zone: zone.name }, 'installed now, autoboot', [install, quota], false);
      return;
    }
    case 'installed':
    case 'ready': {
      const quota = planQuota(ctx, zone, after);
      if (zone.autoboot) ctx.add(res, 'boot', { kind: 'bootZone', zone: zone.name }, `${have.state}, autoboot`, after.concat([quota]), false);
      return;
    }
    case 'running':
      planQuota(ctx, zone, after);
      planLiveCaps(ctx, zone, after);
      return;
    case 'incomplete':
      ctx.fail(res, `zone ${zone.name} is incomplete (an install was interrupted); kiln never uninstalls: run zoneadm -z ${zone.name} uninstall -F, then boot again`, deps);
      return;
    default:
      ctx.fail(res, `zone ${zone.name} is ${have.state}; kiln leaves zones in passing states alone and will converge it on the next run`, deps);
  }
}

function installOp(zone: Zone): { kind: 'installZone'; zone: string; brand: string; image_uuid?: string } {
  const op: { kind: 'installZone'; zone: string; brand: string; image_uuid?: string } = { kind: 'installZone', zone: zone.name, brand: zone.brand };
  if (zone.image_uuid) op.image_uuid = zone.image_uuid;
  return op;
}

function planZone(ctx: PlanContext, zone: Zone): void {
  const res = zoneResource(zone.name);
  ctx.resource(res);
  const err = ctx.unobserved('zoneadm list');
  const deps: Array<string | undefined> = [ctx.after(poolResource(zone.pool))];
  for (const n of zone.nets) deps.push(ctx.after(vnicResource(n.physical)));
  if (err) {
    ctx.fail(res, `cannot observe zones: ${err}`, deps);
    return;
  }
  const disks = planGuestDisks(ctx, zone, deps);
  const all = deps.concat(disks);
  const have = ctx.facts.zones.filter((z) => z.name === zone.name)[0];
  if (have) {
    planExisting(ctx, zone, have, all);
    return;
  }
  const configure = ctx.add(res, 'configure', { kind: 'configureZone', config: desiredZoneConfig(zone, ctx.facts.flavour) }, 'not configured', all, true);
  const install = ctx.add(res, 'install', installOp(zone), 'new zone', [configure], true);
  const quota = planQuota(ctx, zone, [install]);
  if (zone.autoboot) ctx.add(res, 'boot', { kind: 'bootZone', zone: zone.name }, 'new zone, autoboot', [install, quota], true);
}

export function planZones(ctx: PlanContext): void {
  for (const z of ctx.profile.zones) planZone(ctx, z);
}
