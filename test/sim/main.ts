// Entry point of the simulated illumos host (dist/sim.cjs), in one of three roles:
//   node dist/sim.cjs <tool> <args...>   one call in this process (the default)
//   node dist/sim.cjs --serve CTLDIR     the long-running server (server.ts)
//   (as a worker thread of that server)  runs calls for it (server-worker.ts)
// One bundle serves all three so the build needs no extra entry point.
import * as fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { runTool } from './run-tool.ts';
import { serve } from './server.ts';
import { workerMain } from './server-worker.ts';

function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function processMain(argv: string[]): void {
  const r = runTool({
    argv,
    env: { KILN_SIM_STATE: process.env['KILN_SIM_STATE'], KILN_SIM_ROOT: process.env['KILN_SIM_ROOT'] },
    cwd: process.cwd(),
    stdin: readStdin,
  });
  if (r.code === null) {
    // a `hang` fault: never exit; the caller's timeout kills us
    setInterval(() => undefined, 1 << 30);
    return;
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

if (!isMainThread) workerMain();
else if (process.argv[2] === '--serve') serve(process.argv.slice(3));
else processMain(process.argv.slice(2));
