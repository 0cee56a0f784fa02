// How long validation takes on a large host: 1,000 zones, each with its own
// VNIC and caps, one in fifty a bhyve guest. Times parseProfile in-process, then
// the whole `kiln validate` and (when present) `kiln-agent validate` on Node 0.10.
//   make bench     or     node .test-out/bench/validate.bench.js
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic, parseProfile } from '../agent/profile/index.ts';
import { MAX_PROFILE_BYTES } from '../agent/profile/load.ts';
import { repoRoot } from '../test/repo.ts';

const ZONES = 1000;
const GUEST_EVERY = 50;
const WARMUP = 3;
const RUNS = 15;
const PROCESS_RUNS = 5;


/** A valid profile; block style for readability, one line per VNIC as people write them. */
function generate(zones: number): { text: string; guests: number } {
  const out = ['apiVersion: kiln/v1', 'kind: Host', 'metadata:', '  name: bench', 'pools:', '  - name: zones', 'network:', '  etherstubs: [ stub0, stub1, stub2, stub3 ]', '  vnics:'];
  for (let i = 1; i <= zones; i++) out.push(`    - { name: vnic${i}, over: stub${i % 4}, vlan_id: ${1 + (i % 4094)}, maxbw: 100M }`);
  out.push('zones:');
  let guests = 0;
  for (let i = 1; i <= zones; i++) {
    const third = Math.floor(i / 256) % 256;
    out.push(`  - name: zone${i}`);
    if (i % GUEST_EVERY === 0) {
      guests++;
      out.push('    brand: bhyve', '    ram: 2G', '    vcpus: 2', '    disks: [ { size: 20G, boot: true, model: virtio } ]');
    } else {
      out.push('    brand: joyent', '    max_physical_memory: 1G', '    max_swap: 2G');
    }
    out.push(
      `    nets: [ { physical: vnic${i}, allowed_address: 10.${third}.${i % 256}.10/16 } ]`,
      '    cpu_cap: 100',
      '    cpu_shares: 100',
      '    zfs_io_priority: 10',
    );
  }
  return { text: out.join('\n') + '\n', guests };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
const ms = (n: number): string => `${n.toFixed(1)} ms`;

function timeIt(runs: number, f: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

function main(): void {
  const root = repoRoot();
  const { text, guests } = generate(ZONES);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PROFILE_BYTES) throw new Error(`the generated profile is ${bytes} bytes, over the 1 MiB limit`);
  const check = parseProfile(text, 'bench.yaml', bytes);
  if (!check.profile) throw new Error(`the generated profile is invalid:\n${check.diagnostics.slice(0, 5).map((d) => formatDiagnostic(d)).join('\n')}`);

  console.log(`validate: ${ZONES} zones (${guests} bhyve guests), ${ZONES} VNICs; YAML ${(bytes / 1024).toFixed(1)} KiB, block style (limit 1024 KiB)`);
  timeIt(WARMUP, () => parseProfile(text, 'bench.yaml', bytes));
  const t = timeIt(RUNS, () => parseProfile(text, 'bench.yaml', bytes));
  console.log(`  parseProfile in-process:   median ${ms(median(t))} of ${RUNS} (min ${ms(Math.min(...t))}, max ${ms(Math.max(...t))}) after ${WARMUP} warm-up runs`);

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-')), 'bench.yaml');
  fs.writeFileSync(file, text);
  const processes: Array<[string, string, string]> = [
    ['kiln validate (node, dist/kiln.js)', process.execPath, path.join(root, 'dist/kiln.js')],
    ['kiln-agent validate (Node 0.10)', process.env.NODE010 ? path.resolve(root, process.env.NODE010) : path.join(root, '.cache/node010/bin/node'), path.join(root, 'dist/kiln-agent.js')],
  ];
  for (const [label, node, script] of processes) {
    if (!fs.existsSync(node) || !fs.existsSync(script)) {
      console.log(`  ${label}: skipped (${fs.existsSync(node) ? script : node} not found)`);
      continue;
    }
    const run = (): void => { execFileSync(node, [script, 'validate', file], { stdio: 'ignore' }); };
    run(); // warm the file cache; a non-zero exit (invalid) throws here
    const p = timeIt(PROCESS_RUNS, run);
    console.log(`  ${label}: median ${ms(median(p))} of ${PROCESS_RUNS} whole processes (min ${ms(Math.min(...p))})`);
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

main();
