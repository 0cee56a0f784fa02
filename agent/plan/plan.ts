// plan(profile, facts): pure and deterministic. Pools → datasets → etherstubs
// → VNICs → zones (configure → install → boot) → caps, as a DAG of typed
// actions. Planning right after a successful apply gives an empty plan.
import type { Facts } from '../host/facts.ts';
import type { Profile } from '../profile/v1/types.ts';
import type { Plan } from './actions.ts';
import { arcTarget } from './arc.ts';
import { PlanContext } from './context.ts';
import { planNetwork } from './plan-network.ts';
import { planStorage } from './plan-storage.ts';
import { planZones } from './plan-zones.ts';

export function plan(profile: Profile, facts: Facts): Plan {
  const ctx = new PlanContext(profile, facts);
  planStorage(ctx);
  planNetwork(ctx);
  planZones(ctx);
  if (profile.boot.strict) {
    // strict: no zone boots unless everything before the boots succeeded.
    const before = ctx.actions.filter((a) => a.op.kind !== 'bootZone').map((a) => a.id);
    for (const a of ctx.actions) if (a.op.kind === 'bootZone') a.deps = before.slice();
  }
  const warnings = facts.errors.map((e) => `not observed: ${e}`);
  const arc = arcTarget(profile, facts);
  if (arc) warnings.push(arc);
  return { actions: ctx.actions, resources: ctx.resources, warnings };
}
