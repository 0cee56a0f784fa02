// After a run: report.json, the copy on the system pool (rotated) and on the
// USB key, the last good profile when the run converged, then the
// report_url POST. The copies on disk are written before the POST (a dead
// server must not cost the record) and rewritten afterwards with its outcome
// in `report_post`; the POSTed body is the report as it was before the POST.
import type { Files } from '../io/types.ts';
import type { Operator } from './operator.ts';
import type { RetryEnv } from '../sources/backoff.ts';
import type { HttpClient } from '../sources/http.ts';
import { saveLastGood } from '../sources/last-good.ts';
import { consoleSummary } from './console.ts';
import { postReport } from './post.ts';
import type { RunReport } from './report.ts';
import { copyToUsbKey, keepOnPool, writeReport } from './write.ts';

export interface PersistPlan {
  /** the system pool, when it is imported after the run */
  pool?: string;
  /** the profile text to keep as last good (converged runs only) */
  lastGood?: string;
  reportUrl?: string;
  /** ms, boot.timeouts.report */
  postTimeoutMs: number;
}

export interface PersistEnv {
  files: Files;
  root: string;
  say: Operator;
  http: HttpClient;
  retry: RetryEnv;
  now(): number;
}

async function writeCopies(env: PersistEnv, report: RunReport, pool: string | undefined): Promise<string[]> {
  const where: string[] = [];
  const main = await writeReport(env.files, env.root, report);
  if (main.error) env.say.err(`kiln: could not write the report ${main.path}: ${main.error}\n`);
  else where.push(main.path);
  try {
    if (pool) where.push(await keepOnPool(env.files, env.root, pool, report));
  } catch (e) {
    env.say.err(`kiln: could not keep the report on pool ${pool}: ${(e as Error).message}\n`);
  }
  try {
    const usb = await copyToUsbKey(env.files, env.root, report);
    if (usb) where.push(usb);
  } catch (e) {
    env.say.err(`kiln: could not copy the report to the USB key: ${(e as Error).message}\n`);
  }
  return where;
}

export async function persistRun(env: PersistEnv, report: RunReport, plan: PersistPlan, started: number): Promise<void> {
  const t0 = env.now();
  const stamp = (): void => {
    const end = env.now();
    report.finished_at = new Date(end).toISOString();
    report.duration_ms = end - started;
    report.phases.report = end - t0;
  };
  if (plan.lastGood !== undefined && plan.pool) {
    try {
      await saveLastGood(env.files, env.root, plan.pool, plan.lastGood);
    } catch (e) {
      report.warnings.push(`could not keep the profile as last good on ${plan.pool}: ${(e as Error).message}`);
    }
  }
  stamp();
  env.say.out(consoleSummary(report));
  const where = await writeCopies(env, report, plan.pool);
  if (where.length) env.say.out(`kiln: report in ${where.join(', ')}\n`);
  if (!plan.reportUrl) return;
  const post = await postReport(env.http, env.retry, plan.reportUrl, JSON.stringify(report), plan.postTimeoutMs);
  report.report_post = post;
  if (post.outcome === 'failed') {
    const w = `report_url: could not POST the report to ${post.url}: ${post.error} (${post.attempts} attempt${post.attempts === 1 ? '' : 's'})`;
    report.warnings.push(w);
    env.say.err(`kiln: warning: ${w}\n`);
  } else env.say.out(`kiln: report posted to ${post.url}\n`);
  stamp();
  await writeCopies(env, report, plan.pool);
}
