// POST report.json to boot.report_url: retries with backoff, never longer
// than boot.timeouts.report in total. A failure is a warning, never an error.
import type { RetryEnv } from '../sources/backoff.ts';
import { FETCH_BACKOFF, retry } from '../sources/backoff.ts';
import type { HttpClient } from '../sources/http.ts';
import type { ReportPost } from './report.ts';

export async function postReport(http: HttpClient, env: RetryEnv, url: string, body: string, totalMs: number): Promise<ReportPost> {
  let status: number | null = null;
  const r = await retry({ ...FETCH_BACKOFF, totalMs }, env, `posting the report to ${url}`, async (_n, left) => {
    try {
      const res = await http.request({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body, timeoutMs: left, maxBytes: 64 * 1024 });
      status = res.status;
      if (res.status >= 200 && res.status < 300) return { ok: res.status };
      const why = `HTTP ${res.status}`;
      return res.status >= 500 || res.status === 408 || res.status === 429 ? { retry: why } : { fail: why };
    } catch (e) {
      return { retry: (e as Error).message };
    }
  });
  if ('ok' in r) return { url, outcome: 'sent', attempts: r.attempts, status, error: null };
  return { url, outcome: 'failed', attempts: r.attempts, status, error: r.error };
}
