// Fault injection: faults.json entries matched against argv before a command runs.
import { loadFaults, saveFaults } from './store.ts';
import type { Fault } from './state.ts';

export function faultMatches(f: Fault, argv: string[]): boolean {
  if (f.match.length > argv.length) return false;
  return f.match.every((m, i) => m === '*' || m === argv[i]);
}

/** Find the first matching fault and count it down (caller holds the lock). */
export function takeFault(dir: string, argv: string[]): Fault | undefined {
  const faults = loadFaults(dir);
  const idx = faults.findIndex((f) => faultMatches(f, argv));
  if (idx < 0) return undefined;
  const f = faults[idx];
  if (!f) return undefined;
  if (typeof f.times === 'number') {
    const left = f.times - 1;
    if (left <= 0) faults.splice(idx, 1);
    else faults[idx] = { ...f, times: left };
    saveFaults(dir, faults);
  }
  return f;
}

/** Random-looking junk that parses as nothing the real tool prints. */
export function garbage(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789:\t @#%&*<>{}[]|~^';
  const lines: string[] = [];
  const n = 3 + Math.floor(Math.random() * 5);
  for (let i = 0; i < n; i++) {
    let l = '';
    const len = 10 + Math.floor(Math.random() * 50);
    for (let j = 0; j < len; j++) l += chars[Math.floor(Math.random() * chars.length)] ?? 'x';
    lines.push(l);
  }
  return lines.join('\n') + '\n';
}
