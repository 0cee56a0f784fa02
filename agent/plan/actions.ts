// The typed actions a plan is made of. Each says what it changes and why;
// the platform turns it into host commands. The planner never names a command.
import type { PoolCreate, Vnic } from '../profile/v1/types.ts';
import type { DesiredZoneConfig, ZoneConfigChange } from './zone-config.ts';

/** What the action does, with exactly the data the platform needs. */
export type ActionOp =
  | { kind: 'importPool'; pool: string; force: boolean }
  | { kind: 'createPool'; pool: string; create: PoolCreate }
  | { kind: 'createDataset'; name: string; props: Record<string, string>; volume?: { size: number; sparse: boolean; blocksize?: number } }
  | { kind: 'setDatasetProps'; name: string; props: Record<string, string> }
  | { kind: 'createEtherstub'; name: string }
  | { kind: 'createVnic'; vnic: Vnic; link: string }
  | { kind: 'setLinkProps'; link: string; props: Record<string, string> }
  | { kind: 'configureZone'; config: DesiredZoneConfig }
  | { kind: 'updateZoneConfig'; zone: string; changes: ZoneConfigChange[] }
  | { kind: 'installZone'; zone: string; brand: string; image_uuid?: string; /** GiB, SmartOS install -q */ quotaGiB?: number }
  | { kind: 'bootZone'; zone: string }
  | { kind: 'setRctl'; zone: string; rctl: string; value: number; replace: boolean }
  /** Nothing to run: the resource cannot converge, for the reason given. */
  | { kind: 'fail'; error: string };

export interface Action {
  /** unique within a plan, e.g. `zone/router:boot` */
  id: string;
  /** the report resource, e.g. `zone/router` */
  resource: string;
  /** why: desired vs observed */
  reason: string;
  /** ids of actions that must succeed first */
  deps: string[];
  /** creates the resource (vs. changing one that exists) */
  creates: boolean;
  op: ActionOp;
}

export interface Plan {
  actions: Action[];
  /** every resource the profile names, in profile order, for the report */
  resources: string[];
  /** facts the planner could not trust, copied for the report */
  warnings: string[];
}

/** A one-line description, for `kiln plan` and the console. */
export function describeAction(a: Action): string {
  return `${a.id}: ${a.reason}`;
}
