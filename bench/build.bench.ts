// How long `kiln build` takes on the home-lab example (target < 2 s) and how
// big its overlay and the agent bundle are (agent budget 300 KB).
//   make bench     or     node .test-out/bench/build.bench.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCommand } from '../image-builder/commands/build.ts';
import { repoRoot } from '../test/repo.ts';

const RUNS = 5;
const TARGET_MS = 2000;
const AGENT_BUDGET = 300 * 1024;


const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const root = repoRoot();
  const agent = path.join(root, 'dist/kiln-agent.js');
  if (!fs.existsSync(agent)) {
    console.log(`build: skipped (${agent} missing: run make first)`);
    return;
  }
  const profile = path.join(root, 'profiles/home-lab.yaml');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-build-'));
  let err = '';
  const io = { out: () => undefined, err: (s: string) => void (err += s) };
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(tmp, `out${i}`);
      const t0 = process.hrtime.bigint();
      const code = await buildCommand({ profile, out, target: 'smartos', agent, sourceDateEpoch: 0 }, io);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (code !== 0) throw new Error(`kiln build exited ${code}:\n${err}`);
    }
    const tar = fs.statSync(path.join(tmp, 'out0', 'overlay.tar')).size;
    const cpio = fs.statSync(path.join(tmp, 'out0', 'overlay.cpio')).size;
    const agentSize = fs.statSync(agent).size;
    const m = median(times);
    console.log(`build: profiles/home-lab.yaml, target smartos (all outputs)`);
    console.log(`  buildCommand: median ${m.toFixed(1)} ms of ${RUNS} (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); target < ${TARGET_MS} ms: ${m < TARGET_MS ? 'ok' : 'OVER'}`);
    console.log(`  overlay.tar ${kb(tar)}, overlay.cpio ${kb(cpio)}`);
    console.log(`  agent bundle ${kb(agentSize)}; budget ${kb(AGENT_BUDGET)}: ${agentSize <= AGENT_BUDGET ? 'ok' : 'OVER'}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
