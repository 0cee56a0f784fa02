// Helpers for the source and report scenarios: the agent spawned
// asynchronously (so an HTTP server in the test process can answer it), a
// recording HTTP server on 127.0.0.1, and files placed under the root.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { AGENT, profilePath } from './_harness.ts';
import type { Run, Scenario } from './_harness.ts';

export const HOME_TEXT = fs.readFileSync(profilePath('home.yaml'), 'utf8');

export interface TimedRun extends Run {
  ms: number;
}

/** `agent --root ROOT ...args`, spawned; resolves when it exits. */
export function runAgent(s: Scenario, args: string[] = []): Promise<TimedRun> {
  s.host.clearInvocations();
  const reportPath = path.join(s.root, 'var/kiln/report.json');
  fs.rmSync(reportPath, { force: true });
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(s.node, [AGENT, 'agent', '--root', s.root, ...args], { env: s.host.env({ KILN_SIM_NODE: process.execPath }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const report = fs.existsSync(reportPath) ? JSON.parse(fs.readFileSync(reportPath, 'utf8')) : undefined;
      resolve({ code, stdout, stderr, report, ms: Date.now() - t0 });
    });
  });
}

/** Write a file under the scenario's root (directories created). */
export function place(s: Scenario, rel: string, content: string | Buffer): string {
  const p = path.join(s.root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

export function setBootparams(s: Scenario, params: Record<string, string>): void {
  s.host.update((st) => {
    Object.assign(st.bootparams, params);
  });
}

export interface Served {
  status?: number;
  body?: string | Buffer;
  /** ms before answering */
  delayMs?: number;
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP server on 127.0.0.1 answering from a table of paths; records every request. */
export class TestServer {
  readonly requests: Recorded[] = [];
  routes: Record<string, Served> = {};
  private server: http.Server;
  port = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method || '', url: req.url || '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const r = this.routes[req.url || ''] || this.routes['*'] || { status: 404, body: 'not found' };
        const answer = () => {
          res.writeHead(r.status || 200, { 'Content-Type': 'text/plain' });
          res.end(r.body === undefined ? '' : r.body);
        };
        if (r.delayMs) setTimeout(answer, r.delayMs);
        else answer();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (connection refused). */
export async function deadPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
