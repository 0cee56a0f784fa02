// A mkdir-based exclusive lock on the state directory, so parallel tool
// invocations read-modify-write state.json one at a time.
import * as fs from 'node:fs';
import * as path from 'node:path';

const STALE_MS = 5000;

/** Block the (synchronous) tool process for `ms` milliseconds. */
export function sleepSync(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function breakIfStale(lockDir: string): void {
  try {
    const st = fs.statSync(lockDir);
    if (Date.now() - st.mtimeMs > STALE_MS) {
      // Rename first so two breakers cannot both remove a fresh lock.
      const tomb = `${lockDir}.stale.${process.pid}.${Date.now()}`;
      fs.renameSync(lockDir, tomb);
      fs.rmSync(tomb, { recursive: true, force: true });
    }
  } catch {
    // gone already, or someone else broke it
  }
}

export function withLock<T>(dir: string, fn: () => T): T {
  const lockDir = path.join(dir, 'state.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (attempt % 20 === 19) breakIfStale(lockDir);
      sleepSync(2 + Math.floor(Math.random() * 8));
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
