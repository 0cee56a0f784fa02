// The agent on the simulated host:
//  1. host commands spent observing hosts of 1, 10, 100, 500 zones (must not grow);
//  2. agent start to plan on a 50-zone host, under today's Node and Node 0.10,
//     with a zero-latency host (recorded listings replayed by tiny sh scripts);
//  3. apply wall time for 16 zones whose boot takes 1 s each, concurrency 8.
// 1 and 3 run the sim in server mode (test/sim/server.ts): one Node for all
// tool calls, so the figures are the agent's and not ~50-100 ms of sim
// start-up per call (printed first, both modes).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyHost, hostWithRunningZones, mirror, physLink, SimHost } from '../test/sim/host.ts';
import { addPool } from '../test/sim/presets.ts';
import { median } from './_gen.ts';
import { apply } from '../agent/apply/apply.ts';
import type { Command, CommandResult } from '../agent/host/runner.ts';
import { illumosCommands } from '../agent/platform/illumos/commands.ts';
import { plan } from '../agent/plan/plan.ts';
import { parseProfile } from '../agent/profile/index.ts';

function repoRoot(): string {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json'))) d = path.dirname(d);
  return d;
}
const ROOT = repoRoot();
const AGENT = path.join(ROOT, 'dist/kiln-agent.js');
const NODE010 = path.join(ROOT, '.cache/node010/bin/node');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `kiln-bench-${p}-`));

/** A profile for hostWithRunningZones(n): zones z1..zn, VNIC z<i>_0 over e1000g0 each. */
function profileFor(n: number, brand: string, extra = ''): string {
  const l = ['apiVersion: kiln/v1', 'kind: Host', 'metadata: { name: bench }', 'pools: [ { name: zones } ]', 'network:', '  vnics:'];
  for (let i = 1; i <= n; i++) l.push(`    - { name: z${i}_0, over: e1000g0 }`);
  l.push('zones:');
  for (let i = 1; i <= n; i++) l.push(`  - { name: z${i}, brand: ${brand}, zonepath: /zones/z${i}, nets: [ { physical: z${i}_0 } ], max_physical_memory: 512M${extra} }`);
  return l.join('\n') + '\n';
}

function observeCounts(): void {
  for (const n of [1, 10, 100, 500]) {
    const dir = tmp('obs');
    const host = SimHost.create(path.join(dir, 'sim'), hostWithRunningZones(n), { root: path.join(dir, 'root'), server: true });
    const t = Date.now();
    const r = spawnSync(process.execPath, [AGENT, 'facts', '--root', path.join(dir, 'root'), '--json'], { env: host.env({ KILN_SIM_NODE: process.execPath }), encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Date.now() - t;
    host.close();
    const facts = JSON.parse(r.stdout) as { zones: unknown[]; errors: string[] };
    console.log(`observe ${String(n).padStart(3)} zones: ${host.invocations().length} host commands, ${facts.zones.length} zones seen, ${facts.errors.length} errors (${ms} ms, sim server)`);
  }
}

/** Record every listing the agent runs, and build sh scripts that replay them instantly. */
function replayDir(host: SimHost, root: string, profile: string): string {
  spawnSync(process.execPath, [AGENT, 'plan', profile, '--root', root], { env: host.env({ KILN_SIM_NODE: process.execPath }) });
  const bin = tmp('replay');
  const byTool = new Map<string, string[]>();
  for (const inv of host.invocations()) {
    const [tool, ...args] = inv.argv;
    const r = spawnSync(tool as string, args, { env: host.env({ KILN_SIM_NODE: process.execPath }), encoding: 'utf8' });
    const out = path.join(bin, `${tool}.${(byTool.get(tool as string) || []).length}.out`);
    fs.writeFileSync(out, r.stdout);
    const cases = byTool.get(tool as string) || [];
    cases.push(`  '${args.join(' ')}') cat '${out}'; exit ${r.status} ;;`);
    byTool.set(tool as string, cases);
  }
  for (const [tool, cases] of byTool) {
    fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\ncase "$*" in\n${cases.join('\n')}\n  *) echo "replay: $*" >&2; exit 9 ;;\nesac\n`, { mode: 0o755 });
  }
  return bin;
}

function startToPlan(): void {
  const dir = tmp('plan');
  const root = path.join(dir, 'root');
  const host = SimHost.create(path.join(dir, 'sim'), hostWithRunningZones(50), { root });
  const profile = path.join(dir, 'p.yaml');
  fs.writeFileSync(profile, profileFor(50, 'sparse'));
  const bin = replayDir(host, root, profile);
  const env = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
  for (const [name, node] of [[`node ${process.version}`, process.execPath], ['node v0.10.26', NODE010]] as const) {
    if (!fs.existsSync(node)) {
      console.log(`start to plan, ${name}: skipped (${node} not fetched; make node010)`);
      continue;
    }
    const xs: number[] = [];
    let out = '';
    for (let i = 0; i < 7; i++) {
      const t = Date.now();
      const r = spawnSync(node, [AGENT, 'plan', profile, '--root', root], { env, encoding: 'utf8' });
      xs.push(Date.now() - t);
      out = r.stdout + r.stderr;
    }
    console.log(`start to plan, 50-zone host, ${name}: median ${median(xs)} ms (target ≤ 150 ms); plan says: ${out.trim().split('\n')[0]}`);
  }
}

/** One run of the 16-zone apply; returns wall ms, the command count and the agent's first line. */
function applySixteenOnce(): { ms: number; commands: number; line: string } {
  const s = emptyHost('smartos');
  s.links.push(physLink('e1000g0', '0:c:29:5d:1a:10'));
  addPool(s, { name: 'zones', vdevs: [mirror('c1t0d0', 'c1t1d0')] });
  s.knobs.zoneBootDelayMs = 1000;
  const dir = tmp('apply');
  const root = path.join(dir, 'root');
  // Server mode: one Node serves every tool call, so the figure is the agent's, not sim start-up's.
  const host = SimHost.create(path.join(dir, 'sim'), s, { root, server: true });
  const profile = path.join(dir, 'p.yaml');
  fs.writeFileSync(profile, profileFor(16, 'joyent'));
  const t = Date.now();
  const r = spawnSync(process.execPath, [AGENT, 'agent', '--root', root, '--profile', profile, '--concurrency', '8'], { env: host.env({ KILN_SIM_NODE: process.execPath }), encoding: 'utf8' });
  const ms = Date.now() - t;
  host.close();
  const line = r.stdout.trim().split('\n').filter((l) => l.indexOf('kiln: ') === 0)[0] ?? '';
  return { ms, commands: host.invocations().length, line };
}

function applySixteen(): void {
  const runs = [0, 1, 2].map(() => applySixteenOnce());
  const xs = runs.map((r) => r.ms).sort((a, b) => a - b);
  const last = runs[runs.length - 1];
  console.log(`apply 16 zones (boot 1 s each) at concurrency 8, sim server: median ${median(xs)} ms wall of 3 (${xs.join(', ')}; target ≤ 2500 ms); ${last?.commands} commands; ${last?.line}`);
}

/** Sequential `zoneadm list -cp` calls, one process per call vs the sim server. */
function simCallLatency(): void {
  const dir = tmp('call');
  for (const server of [false, true]) {
    const host = SimHost.create(path.join(dir, server ? 'srv' : 'proc'), 'host-b', { server });
    const env = host.env({ KILN_SIM_NODE: process.execPath });
    const xs: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t = process.hrtime.bigint();
      spawnSync(path.join(host.binDir, 'zoneadm'), ['list', '-cp'], { env });
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    host.close();
    console.log(`sim call (zoneadm list -cp), ${server ? 'sim server' : 'one process per call'}: median ${median(xs).toFixed(1)} ms`);
  }
}

/** The same 16 zones, planned and applied in-process with a zero-latency host whose boots take 1 s. */
async function applySixteenZeroLatency(): Promise<void> {
  const r = parseProfile(profileFor(16, 'joyent'), 'p.yaml');
  if (!r.profile) throw new Error('profile');
  const profile = r.profile;
  const p = plan(profile, { flavour: 'smartos', importable: [], pools: [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: [] }], datasets: [], phys: [{ link: 'e1000g0', media: 'Ethernet', state: 'up', device: 'e1000g0', macs: [] }], etherstubs: [], vnics: [], zones: [], rctls: {}, arc: {}, errors: [] });
  const runner = {
    run(c: Command): Promise<CommandResult> {
      const ms = c.argv[0] === 'zoneadm' && c.argv[3] === 'boot' ? 1000 : 0;
      return new Promise((res) => setTimeout(() => res({ argv: c.argv, code: 0, signal: null, stdout: '', stderr: '', durationMs: ms, timedOut: false }), ms));
    },
  };
  const t = Date.now();
  await apply(p.actions, (a) => illumosCommands(a, profile, 'smartos'), runner, { concurrency: 8 });
  console.log(`apply 16 zones (boot 1 s each) at concurrency 8, zero-latency host: ${Date.now() - t} ms wall (target ≤ 2500 ms; ideal 2000); ${p.actions.length} actions`);
}

simCallLatency();
observeCounts();
startToPlan();
applySixteen();
void applySixteenZeroLatency();
