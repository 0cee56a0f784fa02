// Etherstubs and VNICs. Links are created temporary (-t): the live image
// forgets them at reboot and kiln makes them again. Nothing is deleted: a
// VNIC that exists with another lower link or VLAN is reported, not replaced.
import type { Vnic } from '../profile/v1/types.ts';
import type { PlanContext } from './context.ts';

export function etherstubResource(name: string): string {
  return `etherstub/${name}`;
}

export function vnicResource(name: string): string {
  return `vnic/${name}`;
}

function linksObserved(ctx: PlanContext): string | undefined {
  return ctx.unobserved('dladm show-phys') || ctx.unobserved('dladm show-etherstub') || ctx.unobserved('dladm show-vnic');
}

function planEtherstub(ctx: PlanContext, name: string): void {
  const res = etherstubResource(name);
  ctx.resource(res);
  const err = linksObserved(ctx);
  if (err) {
    ctx.fail(res, `cannot observe links: ${err}`);
    return;
  }
  if (ctx.facts.etherstubs.indexOf(name) >= 0) return;
  if (ctx.facts.phys.some((p) => p.link === name)) ctx.fail(res, `${name} is a physical link on this host, not an etherstub`);
  else if (ctx.facts.vnics.some((v) => v.link === name && !v.zone)) ctx.fail(res, `${name} is a VNIC on this host, not an etherstub`);
  else ctx.add(res, 'create', { kind: 'createEtherstub', name }, 'does not exist', [], true);
}

/** The lower link a VNIC's `over` names: an etherstub, a nic tag's NIC, or a physical link. */
function resolveOver(ctx: PlanContext, v: Vnic): { link: string; dep?: string } | { error: string } {
  const p = ctx.profile.network;
  if (p.etherstubs.indexOf(v.over) >= 0) return { link: v.over, dep: ctx.after(etherstubResource(v.over)) };
  const tag = p.nic_tags.filter((t) => t.name === v.over)[0];
  const phys = ctx.facts.phys;
  if (tag) {
    if (tag.link) {
      if (phys.some((x) => x.link === tag.link)) return { link: tag.link };
      return { error: `nic tag ${tag.name} names link ${tag.link}, which is not a physical link on this host (links: ${phys.map((x) => x.link).join(', ') || 'none'})` };
    }
    const byMac = phys.filter((x) => x.macs.indexOf(tag.mac as string) >= 0);
    if (byMac.length === 1) return { link: (byMac[0] as { link: string }).link };
    if (byMac.length > 1) return { error: `nic tag ${tag.name}: MAC ${tag.mac as string} is on several links (${byMac.map((x) => x.link).join(', ')})` };
    return { error: `nic tag ${tag.name}: no physical NIC has MAC ${tag.mac as string} (present: ${phys.map((x) => `${x.link} ${x.macs.join('/')}`).join(', ') || 'none'})` };
  }
  if (phys.some((x) => x.link === v.over)) return { link: v.over };
  if (ctx.facts.etherstubs.indexOf(v.over) >= 0) return { link: v.over };
  return { error: `${v.over} is not a physical link or etherstub on this host (physical links: ${phys.map((x) => x.link).join(', ') || 'none'})` };
}

/** dladm's maxbw form: whole Mb/s as M, else K. */
export function maxbwValue(bps: number): string {
  return bps % 1000000 === 0 ? `${bps / 1000000}M` : `${Math.round(bps / 1000)}K`;
}

function linkProps(v: Vnic): Record<string, string> {
  const p: Record<string, string> = {};
  if (v.maxbw !== undefined) p.maxbw = maxbwValue(v.maxbw);
  if (v.priority !== undefined) p.priority = v.priority;
  return p;
}

function planVnic(ctx: PlanContext, v: Vnic): void {
  const res = vnicResource(v.name);
  ctx.resource(res);
  const err = linksObserved(ctx);
  if (err) {
    ctx.fail(res, `cannot observe links: ${err}`);
    return;
  }
  const over = resolveOver(ctx, v);
  if ('error' in over) {
    ctx.fail(res, over.error);
    return;
  }
  const have = ctx.facts.vnics.filter((x) => x.link === v.name)[0];
  if (!have) {
    if (ctx.facts.phys.some((p) => p.link === v.name) || ctx.facts.etherstubs.indexOf(v.name) >= 0) {
      ctx.fail(res, `the name ${v.name} is taken by a ${ctx.facts.etherstubs.indexOf(v.name) >= 0 ? 'etherstub' : 'physical link'}`);
      return;
    }
    ctx.add(res, 'create', { kind: 'createVnic', vnic: v, link: over.link }, `does not exist (over ${over.link}${v.vlan_id ? `, VLAN ${v.vlan_id}` : ''})`, [over.dep], true);
    return;
  }
  const wrong: string[] = [];
  if (have.over !== over.link) wrong.push(`it is over ${have.over}, the profile says ${over.link}`);
  if (have.vid !== (v.vlan_id || 0)) wrong.push(`its VLAN is ${have.vid}, the profile says ${v.vlan_id || 0}`);
  if (v.mac.kind === 'fixed' && have.mac !== v.mac.address) wrong.push(`its MAC is ${have.mac}, the profile says ${v.mac.address}`);
  if (wrong.length) {
    ctx.fail(res, `VNIC ${v.name} exists but ${wrong.join('; ')}; kiln does not delete links: delete it (dladm delete-vnic ${v.name}) or rename it in the profile`);
    return;
  }
  const change: Record<string, string> = {};
  // dladm shows maxbw in whole Mb/s, so compare at that grain.
  if (v.maxbw !== undefined && Math.floor(v.maxbw / 1000000) !== Math.floor((have.maxbw || 0) / 1000000)) change.maxbw = maxbwValue(v.maxbw);
  if (v.priority !== undefined && have.priority !== v.priority) change.priority = v.priority;
  const keys = Object.keys(change);
  if (keys.length) ctx.add(res, 'set', { kind: 'setLinkProps', link: v.name, props: change }, keys.map((k) => `${k} → ${change[k] as string}`).join(', '), [], false);
}

export function planNetwork(ctx: PlanContext): void {
  for (const s of ctx.profile.network.etherstubs) planEtherstub(ctx, s);
  for (const v of ctx.profile.network.vnics) planVnic(ctx, v);
}

export { linkProps };
