// `make demo`: the agent converges the home-lab example on a simulated fresh
// SmartOS host, prints the console summary and the report, then runs again to
// show that a converged host needs nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SimHost } from '../test/sim/host.ts';
import { repoRoot } from '../test/repo.ts';


function main(): void {
  const root = repoRoot();
  const profile = process.argv[2] || path.join(root, 'profiles/home-lab.yaml');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-demo-'));
  const hostRoot = path.join(work, 'root');
  fs.mkdirSync(hostRoot);
  const host = SimHost.create(path.join(work, 'sim'), 'fresh-smartos', { root: hostRoot });
  const env = host.env({ KILN_SIM_NODE: process.execPath });
  const agent = (): number => {
    host.clearInvocations();
    const r = spawnSync(process.execPath, [path.join(root, 'dist/kiln-agent.js'), 'agent', '--root', hostRoot, '--profile', profile], { env, stdio: 'inherit' });
    return r.status === null ? 3 : r.status;
  };
  const say = (s: string) => process.stdout.write(`\n== ${s}\n`);
  say(`a simulated SmartOS host: pool "zones" importable, NICs e1000g0 and e1000g1, nothing else (state in ${work})`);
  say(`kiln agent --root ${hostRoot} --profile ${path.relative(process.cwd(), profile)}`);
  const first = agent();
  say(`${hostRoot}/var/kiln/report.json`);
  process.stdout.write(fs.readFileSync(path.join(hostRoot, 'var/kiln/report.json'), 'utf8'));
  say('the same again on the converged host');
  const second = agent();
  const mutating = host.mutations().map((i) => i.argv.join(' '));
  say(`second run: exit ${second}, ${host.invocations().length} commands, all listings; mutating commands: ${mutating.length ? mutating.join('; ') : 'none'}`);
  process.exit(first === 0 && second === 0 && mutating.length === 0 ? 0 : 1);
}

main();
