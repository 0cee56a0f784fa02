// The short console summary: one line per resource that changed or failed,
// then the counts and the status. Never a dump of the profile.
import type { RunReport } from './report.ts';

function secs(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function consoleSummary(r: RunReport): string {
  const lines: string[] = [];
  const width = Math.max(12, ...r.resources.map((e) => e.id.length));
  for (const e of r.resources) {
    if (e.outcome === 'unchanged') continue;
    // "configure, install, boot: not configured" — the steps taken, then why.
    const steps = e.reasons.map((x) => x.split(': ')[0] as string);
    const why = e.reasons.length ? (e.reasons[0] as string).split(': ').slice(1).join(': ') : '';
    let detail = e.error || (steps.length > 1 ? `${steps.join(', ')}: ${why}` : why);
    if (detail.length > 160) detail = detail.slice(0, 157) + '...';
    lines.push(`  ${(e.outcome + '         ').slice(0, 9)} ${(e.id + ' '.repeat(width)).slice(0, width)}  ${detail}`);
  }
  for (const w of r.warnings) lines.push(`  warning   ${w}`);
  for (const x of r.rejected) lines.push(`  REFUSED   ${x.source}: ${x.reason}`);
  if (r.status === 'disabled') return lines.concat([`kiln: disabled (kiln.disable on the boot line): no profile read, nothing changed`]).join('\n') + '\n';
  if (r.fallback_reason) lines.push(`kiln: FALLBACK: applied the last good profile (${r.profile.source}) instead of the new one: ${r.fallback_reason}`);
  if (r.knobs.length) lines.push(`kiln: rescue knobs in effect: ${r.knobs.join(' ')}`);
  if (r.profile.source) lines.push(`kiln: profile ${r.profile.name === null ? '(invalid)' : `"${r.profile.name}"`} from ${r.profile.source}${r.profile.sha256 ? ` (sha256 ${r.profile.sha256.slice(0, 12)})` : ''}`);
  const c = r.counts;
  const total = r.resources.length;
  lines.push(`kiln: ${r.status} — ${total} resource${total === 1 ? '' : 's'}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped (${secs(r.duration_ms)})`);
  return lines.join('\n') + '\n';
}
