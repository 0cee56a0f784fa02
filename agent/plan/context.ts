// Shared state of one planning pass: the facts, the actions so far, and a
// way to find the action a resource's dependents must wait for.
import type { Facts } from '../host/facts.ts';
import type { Profile } from '../profile/v1/types.ts';
import type { Action, ActionOp } from './actions.ts';

export class PlanContext {
  readonly profile: Profile;
  readonly facts: Facts;
  readonly actions: Action[] = [];
  readonly resources: string[] = [];
  /** resource → the id of its last action (what dependents wait for) */
  private readonly gate = new Map<string, string>();

  constructor(profile: Profile, facts: Facts) {
    this.profile = profile;
    this.facts = facts;
  }

  resource(id: string): void {
    if (this.resources.indexOf(id) < 0) this.resources.push(id);
  }

  add(resource: string, step: string, op: ActionOp, reason: string, deps: Array<string | undefined>, creates: boolean): string {
    const id = `${resource}:${step}`;
    const clean = deps.filter((d): d is string => !!d);
    this.actions.push({ id, resource, reason, deps: clean.filter((d, i) => clean.indexOf(d) === i), creates, op });
    this.gate.set(resource, id);
    return id;
  }

  fail(resource: string, error: string, deps: Array<string | undefined> = []): string {
    return this.add(resource, 'fail', { kind: 'fail', error }, error, deps, false);
  }

  /** The action a dependent of `resource` must wait for, if any. */
  after(resource: string): string | undefined {
    return this.gate.get(resource);
  }

  /** Did observation of this part of the host fail? Returns the error line. */
  unobserved(argvPrefix: string): string | undefined {
    return this.facts.errors.filter((e) => e.indexOf(argvPrefix) === 0)[0];
  }
}
