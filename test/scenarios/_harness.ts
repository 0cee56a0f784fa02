// Runs the real agent bundle against the simulated host, under today's Node
// and (when present) SmartOS's Node v0.10.26.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SimHost } from '../sim/host.ts';
import type { PresetName, SimState } from '../sim/host.ts';

export function repoRoot(): string {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('repo root not found');
    d = up;
  }
  return d;
}

export const ROOT = repoRoot();
export const AGENT = path.join(ROOT, 'dist/kiln-agent.js');

/** The Nodes the scenarios run under: this one, and v0.10.26 if fetched (CI requires it). */
export function nodes(): Array<{ name: string; bin: string }> {
  const out = [{ name: `node ${process.version}`, bin: process.execPath }];
  const n010 = process.env['NODE010'] ? path.resolve(ROOT, process.env['NODE010']) : path.join(ROOT, '.cache/node010/bin/node');
  if (fs.existsSync(n010)) out.push({ name: 'node v0.10.26', bin: n010 });
  else if (process.env['CI']) throw new Error(`NODE010 (${n010}) is missing; make test fetches it`);
  else console.log(`# scenarios: ${n010} not fetched, running under ${process.version} only (make node010 fetches it)`);
  return out;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report: Record<string, unknown> & { status: string; resources: Array<{ id: string; outcome: string; error: string | null; commands: Array<{ argv: string[] }> }> };
}

export class Scenario {
  readonly host: SimHost;
  readonly root: string;
  readonly node: string;

  /** opts.server: the sim's server mode (one Node for all tool calls); call close() after. */
  constructor(seed: SimState | PresetName, node: string, opts: { server?: boolean } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-scenario-'));
    this.root = path.join(dir, 'root');
    fs.mkdirSync(this.root);
    this.host = SimHost.create(path.join(dir, 'sim'), seed, { root: this.root, server: opts.server === true });
    this.node = node;
  }

  /** Stops the sim server, if any. */
  close(): void {
    this.host.close();
  }

  /** Run `agent --root ROOT --profile FILE`, clearing the invocation log first. */
  agent(profile: string, extra: string[] = []): Run {
    this.host.clearInvocations();
    const reportPath = path.join(this.root, 'var/kiln/report.json');
    fs.rmSync(reportPath, { force: true });
    const r = spawnSync(this.node, [AGENT, 'agent', '--root', this.root, '--profile', profile, ...extra], {
      env: this.host.env({ KILN_SIM_NODE: process.execPath }),
      encoding: 'utf8',
      timeout: 120000,
    });
    const report = fs.existsSync(reportPath) ? JSON.parse(fs.readFileSync(reportPath, 'utf8')) : undefined;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, report };
  }

  /** Run a simulated tool directly (to cause drift the way an operator would). */
  sim(argv: string[]): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(argv[0] as string, argv.slice(1), { env: this.host.env({ KILN_SIM_NODE: process.execPath }), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  outcomes(run: Run): Record<string, string> {
    const o: Record<string, string> = {};
    for (const r of run.report.resources) o[r.id] = r.outcome;
    return o;
  }

  /** Mutating commands of the last run, as argv strings. */
  mutations(): string[] {
    return this.host.mutations().map((i) => i.argv.join(' '));
  }
}

export function profilePath(name: string): string {
  return path.join(ROOT, 'test/scenarios', name);
}

/** Write a profile variant to a temp file. */
export function variant(name: string, edit: (text: string) => string): string {
  const text = edit(fs.readFileSync(profilePath(name), 'utf8'));
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-profile-')), name);
  fs.writeFileSync(p, text);
  return p;
}
