// The run report: one entry per resource the profile names, its outcome and
// every command it ran. Written to DIR/var/kiln/report.json on every run.
import type { ActionResult, CommandRecord } from '../apply/apply.ts';
import type { Plan } from '../plan/actions.ts';

export type ResourceOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped';
/**
 * disabled: kiln.disable on the boot line, nothing read or changed;
 * fallback: the new profile was refused and the last good one converged.
 */
export type RunStatus = 'converged' | 'degraded' | 'failed' | 'invalid' | 'disabled' | 'fallback';

/** ms spent in each step of the run */
export interface Phases {
  discover: number;
  validate: number;
  observe: number;
  plan: number;
  apply: number;
  report: number;
}

/** A profile that was found and not applied. */
export interface RejectedProfile {
  source: string;
  reason: string;
  /** of the refused bytes, when they were read */
  sha256?: string;
}

/** The report_url POST of this report (recorded in the copies on disk after it). */
export interface ReportPost {
  url: string;
  outcome: 'sent' | 'failed';
  attempts: number;
  /** HTTP status of the last answer */
  status: number | null;
  error: string | null;
}

export interface ResourceEntry {
  id: string;
  outcome: ResourceOutcome;
  error: string | null;
  duration_ms: number;
  /** why it changed (the planner's reasons) */
  reasons: string[];
  commands: CommandRecord[];
}

export interface RunReport {
  kiln_version: string;
  profile: { name: string | null; source: string | null; sha256: string | null };
  status: RunStatus;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  host: { platform: string; flavour: string | null; root: string };
  counts: Record<ResourceOutcome, number>;
  resources: ResourceEntry[];
  warnings: string[];
  /** profile diagnostics, when invalid */
  diagnostics: string[];
  phases: Phases;
  /** profiles found and refused this run (integrity, invalid, unreachable) */
  rejected: RejectedProfile[];
  /** why the last good profile was applied instead of the new one; null otherwise */
  fallback_reason: string | null;
  /** rescue knobs in effect, as written on the boot line */
  knobs: string[];
  /** the report_url POST; null when there is no report_url or it has not run yet */
  report_post: ReportPost | null;
}

/** Fold action results into one entry per resource. */
export function resourceEntries(plan: Plan, results: ActionResult[]): ResourceEntry[] {
  return plan.resources.map((id) => {
    const rs = results.filter((r) => r.action.resource === id);
    const failed = rs.filter((r) => r.outcome === 'failed')[0];
    const skipped = rs.filter((r) => r.outcome === 'skipped')[0];
    let outcome: ResourceOutcome = 'unchanged';
    if (failed) outcome = 'failed';
    else if (skipped) outcome = 'skipped';
    else if (rs.some((r) => r.action.creates)) outcome = 'created';
    else if (rs.length) outcome = 'updated';
    const problem = failed || skipped;
    return {
      id,
      outcome,
      error: problem ? (problem.error as string) : null,
      duration_ms: rs.reduce((a, r) => a + r.duration_ms, 0),
      reasons: rs.map((r) => `${r.action.id.slice(id.length + 1)}: ${r.action.reason}`),
      commands: rs.reduce<CommandRecord[]>((a, r) => a.concat(r.commands), []),
    };
  });
}

export function countOutcomes(entries: ResourceEntry[]): Record<ResourceOutcome, number> {
  const c: Record<ResourceOutcome, number> = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const e of entries) c[e.outcome]++;
  return c;
}

/** converged: nothing failed; failed: something failed and nothing else converged; else degraded. */
export function runStatus(entries: ResourceEntry[]): RunStatus {
  const bad = entries.filter((e) => e.outcome === 'failed' || e.outcome === 'skipped').length;
  if (bad === 0) return 'converged';
  return bad === entries.length ? 'failed' : 'degraded';
}
