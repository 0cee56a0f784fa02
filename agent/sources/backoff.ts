// Retries with backoff inside a bounded total time: 0.5 s doubling to 5 s
// between attempts, and never past the deadline. Pure schedule + a loop that
// takes its clock and sleep as parameters, so tests run it instantly.

export interface BackoffOptions {
  /** ms before the second attempt */
  firstDelayMs: number;
  /** ms, the longest wait between attempts */
  maxDelayMs: number;
  /** ms for all attempts and waits together */
  totalMs: number;
}

export const FETCH_BACKOFF: BackoffOptions = { firstDelayMs: 500, maxDelayMs: 5000, totalMs: 30000 };

/** The wait before attempt n+1 (n from 1). */
export function backoffDelay(o: BackoffOptions, attempt: number): number {
  return Math.min(o.maxDelayMs, o.firstDelayMs * Math.pow(2, attempt - 1));
}

/** The waits between attempts if every attempt failed at once. */
export function backoffSchedule(o: BackoffOptions): number[] {
  const out: number[] = [];
  let spent = 0;
  for (let n = 1; ; n++) {
    const d = backoffDelay(o, n);
    if (spent + d >= o.totalMs) return out;
    out.push(d);
    spent += d;
  }
}

export type AttemptResult<T> = { ok: T } | { retry: string } | { fail: string };

export interface RetryEnv {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** one line per failed attempt */
  log(line: string): void;
}

/**
 * Call `attempt(n, msLeft)` until it succeeds, fails for good, or the time is up.
 * Resolves `{ok}` or `{error, attempts}`.
 */
export async function retry<T>(o: BackoffOptions, env: RetryEnv, what: string, attempt: (n: number, msLeft: number) => Promise<AttemptResult<T>>): Promise<{ ok: T; attempts: number } | { error: string; attempts: number }> {
  const deadline = env.now() + o.totalMs;
  for (let n = 1; ; n++) {
    const left = deadline - env.now();
    const r = await attempt(n, Math.max(1, left));
    if ('ok' in r) return { ok: r.ok, attempts: n };
    if ('fail' in r) {
      env.log(`kiln: ${what}: attempt ${n}: ${r.fail}; giving up`);
      return { error: r.fail, attempts: n };
    }
    const wait = backoffDelay(o, n);
    if (env.now() + wait >= deadline) {
      env.log(`kiln: ${what}: attempt ${n}: ${r.retry}; out of time after ${n} attempt${n === 1 ? '' : 's'} (${o.totalMs}ms)`);
      return { error: r.retry, attempts: n };
    }
    env.log(`kiln: ${what}: attempt ${n}: ${r.retry}; retrying in ${(wait / 1000).toFixed(1)}s`);
    await env.sleep(wait);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
