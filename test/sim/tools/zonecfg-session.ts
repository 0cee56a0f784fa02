// One zonecfg run: the zone being configured, its working copy and the open
// resource scope, plus the helpers every subcommand needs.
import type { SimState, Zone, ZoneConfig } from '../state.ts';
import type { Val } from './zonecfg-lex.ts';
import { getProp } from './zonecfg-res.ts';
import type { ResType, Scope } from './zonecfg-res.ts';

export interface Session {
  s: SimState;
  name: string;
  cfg?: ZoneConfig;
  dirty: boolean;
  scope?: Scope;
  out(text: string): void;
  /** resolves a file operand against the caller's cwd (absent: this process's) */
  path?: (p: string) => string;
  /** set by exit/quit or a refusal that ends the run */
  done: boolean;
  /** pending `set zonename=` */
  renameTo?: string | undefined;
}

export function zone(se: Session): Zone | undefined {
  return se.s.zones.find((z) => z.name === se.name);
}

export function isInstalled(z: Zone | undefined): boolean {
  return z !== undefined && z.state !== 'configured';
}

/** Load the working copy on first use; a zone that does not exist needs `create`. */
export function need(se: Session): ZoneConfig | string {
  if (se.cfg) return se.cfg;
  const z = zone(se);
  if (!z) return `${se.name}: No such zone configured`;
  se.cfg = JSON.parse(JSON.stringify(z.config)) as ZoneConfig;
  return se.cfg;
}

export const scopeErr = (cmd: string, scope: 'global' | 'resource'): string => `The ${cmd} command only makes sense in the ${scope} scope.`;

export function simple(v: Val): string | undefined {
  return v.t === 'simple' ? v.v : undefined;
}

export function matches(type: ResType, res: unknown, assigns: Array<[string, Val]>): boolean {
  return assigns.every(([k, v]) => getProp(type, res as Scope['res'], k) === simple(v));
}

