// `kiln report`: the last run, readable. Status, profile, when, the phases,
// one line per resource that changed or failed, warnings, refused profiles.
import type { RunReport } from './report.ts';

function ms(n: number | undefined): string {
  if (n === undefined) return '-';
  return n < 1000 ? `${n}ms` : `${(n / 1000).toFixed(1)}s`;
}

export function renderReport(r: RunReport): string {
  const L: string[] = [];
  L.push(`status:   ${r.status}${r.fallback_reason ? ` (fallback: ${r.fallback_reason})` : ''}`);
  const p = r.profile;
  L.push(`profile:  ${p.name === null ? '(none applied)' : p.name}${p.source ? ` from ${p.source}` : ''}`);
  if (p.sha256) L.push(`sha256:   ${p.sha256}`);
  L.push(`when:     ${r.started_at} → ${r.finished_at} (${ms(r.duration_ms)}), kiln ${r.kiln_version}`);
  if (r.phases) {
    const ph = r.phases;
    L.push(`phases:   discover ${ms(ph.discover)}, validate ${ms(ph.validate)}, observe ${ms(ph.observe)}, plan ${ms(ph.plan)}, apply ${ms(ph.apply)}, report ${ms(ph.report)}`);
  }
  if (r.knobs && r.knobs.length) L.push(`knobs:    ${r.knobs.join(' ')}`);
  const c = r.counts;
  L.push(`counts:   ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped`);
  const changed = r.resources.filter((e) => e.outcome !== 'unchanged');
  if (changed.length) L.push('resources:');
  for (const e of changed) L.push(`  ${(e.outcome + '         ').slice(0, 9)} ${e.id}${e.error ? `: ${e.error}` : ''}`);
  for (const x of r.rejected || []) L.push(`refused:  ${x.source}: ${x.reason}`);
  for (const d of r.diagnostics) L.push(`error:    ${d}`);
  for (const w of r.warnings) L.push(`warning:  ${w}`);
  if (r.report_post) L.push(`posted:   ${r.report_post.url}: ${r.report_post.outcome}${r.report_post.error ? ` (${r.report_post.error})` : ''}`);
  return L.join('\n') + '\n';
}
