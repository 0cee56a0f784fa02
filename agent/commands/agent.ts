// `kiln agent [--root DIR] [--profile FILE] [--platform illumos|linux]`: the boot run.
// boot line → (disabled?) → discover → validate (→ last good) → knobs →
// observe → plan → apply → persist and report.
import { apply } from '../apply/apply.ts';
import type { Facts } from '../host/facts.ts';
import type { Action } from '../plan/actions.ts';
import { plan } from '../plan/plan.ts';
import type { Profile } from '../profile/index.ts';
import { operator } from '../report/operator.ts';
import type { Operator } from '../report/operator.ts';
import { persistRun } from '../report/persist.ts';
import { resourceEntries } from '../report/report.ts';
import type { RunReport } from '../report/report.ts';
import { appliedStatus, exitCodeOf, knobEntry, newReport, phaseClock, setResources } from '../report/run.ts';
import { sleep } from '../sources/backoff.ts';
import { nodeDevices } from '../sources/block.ts';
import type { Devices } from '../sources/block.ts';
import { chooseProfile } from '../sources/choose.ts';
import type { HttpClient } from '../sources/http.ts';
import { nodeHttp } from '../sources/http.ts';
import { activeKnobs, applyKnobs, knobsFrom } from '../sources/knobs.ts';
import type { PlatformName } from '../sources/read-boot-line.ts';
import { readBootLine } from '../sources/read-boot-line.ts';
import type { SourceEnv } from '../sources/types.ts';
import type { RunContext } from './run-context.ts';

export interface AgentOptions {
  profile?: string;
  concurrency?: number;
  /** where the boot line and disks are read from; default illumos */
  platform?: PlatformName;
}

/** The agent's own edges beyond RunContext, replaceable in tests. */
export interface AgentEdges {
  http: HttpClient;
  devices: Devices;
  sleep(ms: number): Promise<void>;
  /** also write console lines to <root>/dev/console */
  consoleDevice: boolean;
}

export function nodeEdges(): AgentEdges {
  return { http: nodeHttp, devices: nodeDevices, sleep, consoleDevice: !process.stdout.isTTY };
}

/** ms for the boot line, the last-good lookup and URL variables, before a profile gives its own */
const EARLY_COMMAND_MS = 30000;

async function converge(ctx: RunContext, profile: Profile, opts: AgentOptions, report: RunReport, clock: ReturnType<typeof phaseClock>): Promise<{ facts: Facts; entries: RunReport['resources'] }> {
  const facts = await clock.time('observe', () => ctx.platform.observe(ctx.runner, ctx.files, { root: ctx.root, timeoutMs: profile.boot.timeouts.command }));
  report.host.flavour = facts.flavour;
  const p = await clock.time('plan', async () => plan(profile, facts));
  report.warnings = report.warnings.concat(p.warnings);
  // Every command gets the profile's time limit unless the platform set its own (zone boot).
  const commandsOf = (a: Action) => ctx.platform.commands(a, profile).map((c) => (c.timeoutMs ? c : { ...c, timeoutMs: profile.boot.timeouts.command }));
  const results = await clock.time('apply', () =>
    apply(p.actions, commandsOf, ctx.runner, { concurrency: opts.concurrency || profile.boot.concurrency, deadlineMs: profile.boot.timeouts.total, now: ctx.now }),
  );
  return { facts, entries: resourceEntries(p, results) };
}

/** The system pool, if it is imported once the run is over. */
function readyPool(profile: Profile, facts: Facts, entries: RunReport['resources']): string | undefined {
  const pool = profile.pools.filter((p) => p.system)[0];
  if (!pool) return undefined;
  const e = entries.filter((x) => x.id === `pool/${pool.name}`)[0];
  const ok = e ? e.outcome !== 'failed' && e.outcome !== 'skipped' : facts.pools.some((p) => p.name === pool.name);
  return ok ? pool.name : undefined;
}

export async function agentCommand(ctx: RunContext, opts: AgentOptions, edges: AgentEdges = nodeEdges()): Promise<number> {
  const started = ctx.now();
  const report = newReport(ctx.platform.name, ctx.root, started);
  const clock = phaseClock(report.phases, ctx.now);
  const say: Operator = operator(ctx.io, ctx.root, edges.consoleDevice);
  const retryEnv = { now: ctx.now, sleep: edges.sleep, log: (l: string) => say.out(l + '\n') };
  const persistEnv = { files: ctx.files, root: ctx.root, say, http: edges.http, retry: retryEnv, now: ctx.now };
  const done = async (code: number, plan: Parameters<typeof persistRun>[2] = { postTimeoutMs: 0 }) => {
    await persistRun(persistEnv, report, plan, started);
    await say.flush();
    return code;
  };

  // An explicit --profile is an operator at a shell: the boot line is not consulted.
  const platform = opts.platform || 'illumos';
  const boot = opts.profile ? { params: {} } : await clock.time('discover', () => readBootLine(platform, ctx.runner, ctx.files, ctx.root, EARLY_COMMAND_MS));
  if (boot.error) report.warnings.push(`boot line not read: ${boot.error}`);
  const knobs = knobsFrom(boot.params);
  report.knobs = activeKnobs(knobs, boot.params);
  if (knobs.disable) {
    report.status = 'disabled';
    return done(exitCodeOf(report.status));
  }
  if (knobs.unknownSkips.length) report.warnings.push(`kiln.skip: unknown ${knobs.unknownSkips.join(', ')} (known: zones, guests)`);

  const env: SourceEnv = { platform, runner: ctx.runner, files: ctx.files, devices: edges.devices, http: edges.http, root: ctx.root, params: boot.params, commandTimeoutMs: EARLY_COMMAND_MS, now: ctx.now, sleep: edges.sleep, log: retryEnv.log };
  const choice = await chooseProfile(env, say, clock, opts.profile);
  report.rejected = choice.rejected;
  report.diagnostics = choice.diagnostics;
  const chosen = choice.chosen;
  if (!chosen) {
    if (choice.found) Object.assign(report.profile, { source: choice.found.source, sha256: choice.found.sha256 || null });
    if (!choice.found && !choice.rejected.length) say.err(`kiln: no profile found; looked in: ${choice.looked.join('; ')}. Nothing was changed.\n`);
    else say.err(`kiln: no profile to apply${opts.profile ? '' : ' and no last good profile on any imported pool'}; nothing on the host was touched.\n`);
    return done(exitCodeOf('invalid'));
  }
  report.profile = { name: chosen.profile.metadata.name, source: chosen.source, sha256: chosen.sha256 };
  report.fallback_reason = chosen.fallbackReason || null;

  const noimportName = report.knobs.filter((k) => /noimport/.test(k))[0];
  const filtered = applyKnobs(chosen.profile, knobs, noimportName);
  const profile = filtered.profile;
  const { facts, entries } = await converge(ctx, profile, opts, report, clock);
  setResources(report, entries.concat(filtered.skipped.map(knobEntry)));
  report.status = appliedStatus(report.resources, filtered.skipped.length, !!chosen.fallbackReason);

  const pool = readyPool(chosen.profile, facts, report.resources);
  const keep = report.status === 'converged' && !chosen.fallbackReason;
  return done(exitCodeOf(report.status), { pool, lastGood: keep ? chosen.text : undefined, reportUrl: profile.boot.report_url, postTimeoutMs: profile.boot.timeouts.report });
}
