// The server's worker threads: requests go to an idle worker, else wait in a
// queue; the pool grows on demand up to `max`, since a tool call may block its
// thread for a whole simulated boot and boots must overlap.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { layout } from './server-layout.ts';

export class Pool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: string[] = [];
  private busy = 0;
  private spawned = 0;
  private readonly script: string;
  private readonly ctl: string;
  private readonly max: number;
  /** every prestarted worker has warmed up */
  readonly ready: Promise<void>;

  constructor(script: string, ctl: string, max: number, prestart: number) {
    this.script = script;
    this.ctl = ctl;
    this.max = max;
    const warmed: Array<Promise<void>> = [];
    for (let i = 0; i < Math.min(prestart, max); i++) {
      const w = this.spawn();
      this.idle.push(w);
      warmed.push(new Promise((res) => w.once('message', () => res())));
    }
    this.ready = Promise.all(warmed).then(() => undefined);
  }

  get inFlight(): number {
    return this.busy + this.queue.length;
  }

  submit(id: string): void {
    // LIFO: the most recently used worker is the warmest
    const w = this.idle.pop() ?? (this.all.length < this.max ? this.spawn() : undefined);
    if (!w) {
      this.queue.push(id);
      return;
    }
    this.busy++;
    w.postMessage(id); // a worker still warming up takes it when done
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  /** A request finished: the next queued one, or back to idle. */
  private done(w: Worker): void {
    const next = this.queue.shift();
    if (next !== undefined) {
      w.postMessage(next);
      return;
    }
    this.busy--;
    this.idle.push(w);
  }

  private spawn(): Worker {
    const L = layout(this.ctl);
    const scratch = path.join(L.warm, String(this.spawned++));
    const w = new Worker(this.script, { workerData: { reqs: L.reqs, scratch } });
    this.all.push(w);
    // its first message says "warmed up", each later one "request done"
    w.once('message', () => w.on('message', () => this.done(w)));
    w.on('error', (e) => console.error(`kiln sim server: worker died: ${String(e)}`));
    w.on('exit', () => {
      // A dead worker (a bug) is forgotten; its request's client times out.
      this.all.splice(this.all.indexOf(w), 1);
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      else this.busy = Math.max(0, this.busy - 1);
    });
    return w;
  }
}
