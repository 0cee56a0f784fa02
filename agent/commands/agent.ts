// `kiln agent [--root DIR] [--profile FILE]`: the boot run.
// source → parse → validate → observe → plan → apply → report.
import * as crypto from 'crypto';
import { apply } from '../apply/apply.ts';
import { EXIT } from '../exit-codes.ts';
import type { Action } from '../plan/actions.ts';
import { plan } from '../plan/plan.ts';
import { formatDiagnostic, hasErrors } from '../profile/index.ts';
import { consoleSummary } from '../report/console.ts';
import type { RunReport } from '../report/report.ts';
import { countOutcomes, resourceEntries, runStatus } from '../report/report.ts';
import { writeReport } from '../report/write.ts';
import { findLocalProfile, LOCAL_SOURCES } from '../sources/local.ts';
import { VERSION } from '../version.ts';
import { loadProfileFile } from './load-profile.ts';
import type { RunContext } from './run-context.ts';

export interface AgentOptions {
  profile?: string;
  concurrency?: number;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function emptyReport(ctx: RunContext, started: number): RunReport {
  return {
    kiln_version: VERSION,
    profile: { name: null, source: null, sha256: null },
    status: 'invalid',
    started_at: new Date(started).toISOString(),
    finished_at: new Date(started).toISOString(),
    duration_ms: 0,
    host: { platform: ctx.platform.name, flavour: null, root: ctx.root },
    counts: { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    resources: [],
    warnings: [],
    diagnostics: [],
  };
}

async function finish(ctx: RunContext, report: RunReport, started: number): Promise<void> {
  const end = ctx.now();
  report.finished_at = new Date(end).toISOString();
  report.duration_ms = end - started;
  const where = await writeReport(ctx.files, ctx.root, report);
  ctx.io.out(consoleSummary(report));
  if (where.error) ctx.io.err(`kiln: could not write the report: ${where.error}\n`);
  else ctx.io.out(`kiln: report in ${where.path}\n`);
}

export async function agentCommand(ctx: RunContext, opts: AgentOptions): Promise<number> {
  const started = ctx.now();
  const report = emptyReport(ctx, started);
  let file = opts.profile;
  let source = 'file';
  if (!file) {
    const found = await findLocalProfile(ctx.files, ctx.root);
    if (!found) {
      report.diagnostics.push(`no profile found (looked in ${LOCAL_SOURCES.map((s) => s.path).join(', ')})`);
      ctx.io.err(`kiln: no profile found; looked in ${LOCAL_SOURCES.map((s) => s.path).join(', ')} under ${ctx.root}. Nothing was changed.\n`);
      await finish(ctx, report, started);
      return EXIT.INVALID;
    }
    file = found.path;
    source = found.source;
  }
  report.profile.source = `${source}:${file}`;
  const loaded = await loadProfileFile(ctx.files, file);
  if (loaded.text !== undefined) report.profile.sha256 = sha256(loaded.text);
  if (!loaded.profile || hasErrors(loaded.diagnostics)) {
    report.diagnostics = loaded.diagnostics.map(formatDiagnostic);
    for (const d of report.diagnostics) ctx.io.err(d + '\n');
    ctx.io.err(`kiln: the profile is invalid; nothing on the host was touched.\n`);
    await finish(ctx, report, started);
    return EXIT.INVALID;
  }
  const profile = loaded.profile;
  report.profile.name = profile.metadata.name;
  const facts = await ctx.platform.observe(ctx.runner, ctx.files, { root: ctx.root, timeoutMs: profile.boot.timeouts.command });
  report.host.flavour = facts.flavour;
  const p = plan(profile, facts);
  // Every command gets the profile's time limit unless the platform set its own (zone boot).
  const commandsOf = (a: Action) => ctx.platform.commands(a, profile).map((c) => (c.timeoutMs ? c : { ...c, timeoutMs: profile.boot.timeouts.command }));
  const results = await apply(p.actions, commandsOf, ctx.runner, {
    concurrency: opts.concurrency || profile.boot.concurrency,
    deadlineMs: profile.boot.timeouts.total,
    now: ctx.now,
  });
  report.resources = resourceEntries(p, results);
  report.counts = countOutcomes(report.resources);
  report.status = runStatus(report.resources);
  report.warnings = p.warnings;
  await finish(ctx, report, started);
  return report.status === 'converged' ? EXIT.OK : EXIT.DEGRADED;
}
