// One run's report as it is built: the skeleton, the phase clock, and the
// final status and exit code.
import { EXIT } from '../exit-codes.ts';
import { VERSION } from '../version.ts';
import type { Phases, ResourceEntry, RunReport, RunStatus } from './report.ts';
import { countOutcomes, runStatus } from './report.ts';
import type { SkippedResource } from '../sources/knobs.ts';

export function newReport(platform: string, root: string, started: number): RunReport {
  const at = new Date(started).toISOString();
  return {
    kiln_version: VERSION,
    profile: { name: null, source: null, sha256: null },
    status: 'invalid',
    started_at: at,
    finished_at: at,
    duration_ms: 0,
    host: { platform, flavour: null, root },
    counts: { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    resources: [],
    warnings: [],
    diagnostics: [],
    phases: { discover: 0, validate: 0, observe: 0, plan: 0, apply: 0, report: 0 },
    rejected: [],
    fallback_reason: null,
    knobs: [],
    report_post: null,
  };
}

/** Adds the time `fn` takes to a phase. */
export function phaseClock(phases: Phases, now: () => number) {
  return {
    async time<T>(phase: keyof Phases, fn: () => Promise<T>): Promise<T> {
      const t0 = now();
      try {
        return await fn();
      } finally {
        phases[phase] += now() - t0;
      }
    },
  };
}

/** A resource a rescue knob kept from the planner. */
export function knobEntry(s: SkippedResource): ResourceEntry {
  return { id: s.id, outcome: 'skipped', error: s.reason, duration_ms: 0, reasons: [s.reason], commands: [] };
}

/**
 * The status of an applied run. Resources skipped by a knob keep it from
 * `converged` (the host is not what the profile says) but never make it
 * `failed`; a run on the last good profile that converged is `fallback`.
 */
export function appliedStatus(entries: ResourceEntry[], knobSkips: number, fallback: boolean): RunStatus {
  const planned = entries.slice(0, entries.length - knobSkips);
  let s = runStatus(planned);
  if (knobSkips > 0 && (s === 'converged' || planned.length === 0)) s = 'degraded';
  if (fallback && s === 'converged') s = 'fallback';
  return s;
}

export function setResources(report: RunReport, entries: ResourceEntry[]): void {
  report.resources = entries;
  report.counts = countOutcomes(entries);
}

/**
 * The exit code of a finished run. `fallback` exits 1, like `degraded`: the
 * host runs an older profile than the one it was given, and a tool that only
 * looks at the exit code must not take that for success.
 */
export function exitCodeOf(status: RunStatus): number {
  if (status === 'converged' || status === 'disabled') return EXIT.OK;
  if (status === 'invalid') return EXIT.INVALID;
  return EXIT.DEGRADED;
}
