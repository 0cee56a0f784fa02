// One Platform per host kind. The planner speaks in typed actions; a platform
// observes its host and says which commands carry an action out.
import type { Facts } from '../host/facts.ts';
import type { Command, Runner } from '../host/runner.ts';
import type { ObserveIo } from '../host/observe.ts';
import type { Action } from '../plan/actions.ts';
import type { Profile } from '../profile/v1/types.ts';

export interface Platform {
  name: string;
  observe(runner: Runner, io: ObserveIo, opts: { root: string; timeoutMs: number }): Promise<Facts>;
  /** The commands that carry out one action, run in order; empty for `fail`. */
  commands(action: Action, profile: Profile): Command[];
}
