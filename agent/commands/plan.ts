// `kiln plan PROFILE [--root DIR] [--json]`: observe (read-only) and print
// the plan; never runs a mutating command. `kiln facts` prints what observe saw.
import { EXIT } from '../exit-codes.ts';
import { describeAction } from '../plan/actions.ts';
import { plan } from '../plan/plan.ts';
import { formatDiagnostic, hasErrors } from '../profile/index.ts';
import { loadProfileFile } from './load-profile.ts';
import type { RunContext } from './run-context.ts';

export async function planCommand(ctx: RunContext, opts: { profile: string; json: boolean; timeoutMs: number }): Promise<number> {
  const loaded = await loadProfileFile(ctx.files, opts.profile);
  for (const d of loaded.diagnostics) ctx.io.err(formatDiagnostic(d) + '\n');
  const profile = loaded.profile;
  if (!profile || hasErrors(loaded.diagnostics)) return EXIT.INVALID;
  const facts = await ctx.platform.observe(ctx.runner, ctx.files, { root: ctx.root, timeoutMs: opts.timeoutMs });
  const p = plan(profile, facts);
  if (opts.json) {
    ctx.io.out(JSON.stringify({ actions: p.actions.map((a) => ({ ...a, commands: ctx.platform.commands(a, profile).map((c) => c.argv) })), resources: p.resources, warnings: p.warnings }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (!p.actions.length) ctx.io.out('nothing to do: the host matches the profile\n');
  for (const a of p.actions) {
    ctx.io.out(describeAction(a) + '\n');
    for (const c of ctx.platform.commands(a, profile)) ctx.io.out(`    ${c.argv.join(' ')}${c.stdin ? ' <<' + c.stdin.split('\n').length + ' lines' : ''}\n`);
  }
  for (const w of p.warnings) ctx.io.out(`warning: ${w}\n`);
  return EXIT.OK;
}

export async function factsCommand(ctx: RunContext, opts: { json: boolean; timeoutMs: number }): Promise<number> {
  const facts = await ctx.platform.observe(ctx.runner, ctx.files, { root: ctx.root, timeoutMs: opts.timeoutMs });
  if (opts.json) ctx.io.out(JSON.stringify(facts, null, 2) + '\n');
  else {
    ctx.io.out(`flavour ${facts.flavour}\n`);
    ctx.io.out(`pools: ${facts.pools.map((p) => `${p.name} (${p.health})`).join(', ') || 'none'}; importable: ${facts.importable.map((p) => p.name).join(', ') || 'none'}\n`);
    ctx.io.out(`links: ${facts.phys.map((p) => p.link).join(', ') || 'none'}; etherstubs: ${facts.etherstubs.join(', ') || 'none'}; vnics: ${facts.vnics.map((v) => v.link).join(', ') || 'none'}\n`);
    ctx.io.out(`zones: ${facts.zones.map((z) => `${z.name} (${z.state})`).join(', ') || 'none'}\n`);
    for (const e of facts.errors) ctx.io.out(`not observed: ${e}\n`);
  }
  return facts.errors.length ? EXIT.DEGRADED : EXIT.OK;
}
