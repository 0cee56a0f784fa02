// A worker thread of the sim server: runs one request at a time with the same
// runTool as the one-process-per-call entry. Tools block (state lock, boot
// delays via Atomics.wait), which is why each call gets a thread of its own.
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runTool } from './run-tool.ts';
import type { ToolResult } from './run-tool.ts';
import { REQUEST_FILES, requestFile } from './server-layout.ts';
import { warmUp } from './server-warmup.ts';

type File = (name: (typeof REQUEST_FILES)[number]) => string;

function call(file: File): ToolResult {
  // req: KILN_SIM_STATE, KILN_SIM_ROOT, cwd, stdin captured, argv..., each NUL-terminated
  const [state = '', root = '', cwd = '', captured = '', ...argv] = fs.readFileSync(file('req'), 'utf8').split('\0');
  argv.pop(); // after the last terminator
  try {
    return runTool({
      argv,
      env: { KILN_SIM_STATE: state, KILN_SIM_ROOT: root },
      cwd: cwd || '/',
      // the client captured stdin wherever the tool can read it; elsewhere it is empty
      stdin: () => (captured === '1' ? fs.readFileSync(file('stdin'), 'utf8') : ''),
    });
  } catch (e) {
    // what an uncaught exception does to the one-process tool: a trace and exit 1
    return { stdout: '', stderr: `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`, code: 1 };
  }
}

function unlinkAll(file: File): void {
  for (const name of REQUEST_FILES) {
    try {
      fs.unlinkSync(file(name));
    } catch {
      // not there (stdin is only written when captured)
    }
  }
}

export function handle(reqs: string, id: string): void {
  const file: File = (name) => requestFile(reqs, id, name);
  let r: ToolResult;
  try {
    r = call(file);
  } catch (e) {
    r = { stdout: '', stderr: `kiln sim server: bad request ${id}: ${String(e)}\n`, code: 127 };
  }
  // A `hang` never answers: the client waits until its caller kills it. The
  // worker is free again at once.
  if (r.code === null) return unlinkAll(file);
  let fd: number;
  try {
    // Non-blocking: the client holds the FIFO open until it has read the line;
    // ENXIO means it is gone (killed by a timeout).
    fd = fs.openSync(file('reply'), fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  } catch {
    return unlinkAll(file);
  }
  try {
    // Same inodes the client holds open; then nothing is left behind even if
    // its pid is reused the moment it exits.
    fs.writeFileSync(file('out'), r.stdout);
    fs.writeFileSync(file('err'), r.stderr);
    unlinkAll(file);
    fs.writeSync(fd, `${r.code} ${Buffer.byteLength(r.stdout)} ${Buffer.byteLength(r.stderr)}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

export function workerMain(): void {
  const port = parentPort;
  if (!port) return;
  const { reqs, scratch } = workerData as { reqs: string; scratch: string };
  try {
    warmUp(scratch);
  } catch (e) {
    console.error(`kiln sim server: warm-up: ${String(e)}`);
  }
  port.on('message', (id: string) => {
    try {
      handle(reqs, id);
    } catch (e) {
      // e.g. a malformed request; its client's timeout covers it
      console.error(`kiln sim server: request ${id}: ${String(e)}`);
    } finally {
      port.postMessage(id);
    }
  });
  port.postMessage('ready');
}
