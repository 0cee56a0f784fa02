// `node dist/sim.cjs --serve CTLDIR [--workers MAX] [--prestart N] [--idle-ms MS]`:
// the sim's opt-in server mode. Node starts once; the bin wrappers (client.sh) hand each
// call over through CTLDIR (see server-layout.ts) and a pool of worker threads
// runs it with the same runTool as the one-process mode. The server exits on
// SIGTERM/SIGINT, when CTLDIR disappears, or after MS idle, so a crashed test
// never leaves it behind.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Pool } from './server-pool.ts';
import { REQUEST_ID, layout } from './server-layout.ts';

const SWEEP_MS = 60_000;

interface Options {
  ctl: string;
  workers: number;
  prestart: number;
  idleMs: number;
}

function parse(args: string[]): Options {
  const o: Options = { ctl: '', workers: 32, prestart: 12, idleMs: 10 * 60_000 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--workers') o.workers = Math.max(1, Number(args[++i]));
    else if (a === '--prestart') o.prestart = Number(args[++i]);
    else if (a === '--idle-ms') o.idleMs = Number(args[++i]);
    else o.ctl = path.resolve(a);
  }
  if (!o.ctl || !(o.workers >= 1) || !(o.prestart >= 0) || !(o.idleMs > 0)) {
    process.stderr.write('usage: sim.cjs --serve CTLDIR [--workers MAX] [--prestart N] [--idle-ms MS]\n');
    process.exit(2);
  }
  return o;
}

/** Request files no live call owns: left by clients killed before their call was served. */
function sweep(reqs: string, olderThanMs: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(reqs);
  } catch {
    return;
  }
  for (const n of names) {
    const p = path.join(reqs, n);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs >= olderThanMs) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

export function serve(args: string[]): void {
  const o = parse(args);
  const L = layout(o.ctl);
  fs.mkdirSync(L.reqs, { recursive: true });
  sweep(L.reqs, 0);
  fs.rmSync(L.notify, { force: true });
  execFileSync('mkfifo', ['-m', '600', L.notify]); // Node has no mkfifo
  // Read-write, so the FIFO never reports EOF between clients; as a net.Socket
  // it is read through epoll, not a blocking threadpool read.
  const fd = fs.openSync(L.notify, 'r+');
  fs.rmSync(L.warm, { recursive: true, force: true });
  // Workers start (and warm up) now, not mid-run: a thread costs ~40 ms of CPU
  // to boot and as much again to compile the tools.
  const pool = new Pool(path.resolve(process.argv[1] ?? ''), o.ctl, o.workers, o.prestart);
  let last = Date.now();
  let pending = '';
  const notify = new net.Socket({ fd, readable: true, writable: false });
  notify.setEncoding('utf8');
  notify.on('data', (chunk: string) => {
    last = Date.now();
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const id of lines) if (REQUEST_ID.test(id)) pool.submit(id);
  });

  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`kiln sim server ${process.pid}: stopping (${why})`);
    for (const f of [L.notify, L.pid]) fs.rmSync(f, { force: true });
    void pool.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  let lastSweep = Date.now();
  setInterval(() => {
    if (!fs.existsSync(L.notify)) return stop('control dir gone');
    if (pool.inFlight > 0) last = Date.now();
    else if (Date.now() - last > o.idleMs) return stop(`idle ${o.idleMs} ms`);
    if (Date.now() - lastSweep > SWEEP_MS) {
      lastSweep = Date.now();
      sweep(L.reqs, SWEEP_MS * 10);
    }
  }, 500).unref();

  // Written last (tmp + rename): its presence means "listening".
  void pool.ready.then(() => {
    fs.writeFileSync(`${L.pid}.tmp`, `${process.pid}\n`);
    fs.renameSync(`${L.pid}.tmp`, L.pid);
    console.log(`kiln sim server ${process.pid}: listening on ${L.notify}, ${Math.min(o.prestart, o.workers)} workers (up to ${o.workers})`);
  });
}
