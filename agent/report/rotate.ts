// Reports kept on the system pool: one file per run named by its UTC start
// time, the newest few kept. Pure.

/** How many reports stay on the pool. */
export const KEEP_REPORTS = 10;

/** `2026-03-01T10:22:31.123Z` → `2026-03-01T10-22-31.123Z.json` (sortable, no colons). */
export function reportFileName(iso: string): string {
  return iso.replace(/:/g, '-') + '.json';
}

/** The report files to delete so that `keep` remain (names sort by time). */
export function reportsToRemove(names: string[], keep: number = KEEP_REPORTS): string[] {
  const reports = names.filter((n) => /^\d{4}-\d\d-\d\dT[\d.-]+Z\.json$/.test(n)).sort();
  return reports.slice(0, Math.max(0, reports.length - keep));
}
