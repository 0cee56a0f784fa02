// Programmatic handle on a simulated host for tests and benchmarks: seed a
// state directory, get the env that puts the sim tools first on PATH, inspect
// state, faults and the invocation log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostA, hostB, hostC, hostG, populatedHost } from './fixture-hosts.ts';
import { withLock } from './lock.ts';
import { simBinDir } from './paths.ts';
import { emptyHost, freshSmartosHost, hostWithRunningZones } from './presets.ts';
import { startServer, stopServer } from './server-host.ts';
import type { RunningServer, ServerOptions } from './server-host.ts';
import type { Fault, Invocation, SimState } from './state.ts';
import { loadFaults, loadState, readInvocations, saveFaults, saveState } from './store.ts';
import { syncZoneFiles } from './zone-files.ts';

const simNode = (): string => process.env['KILN_SIM_NODE'] ?? process.execPath;

export const PRESETS = {
  'empty-smartos': () => emptyHost('smartos'),
  'empty-illumos': () => emptyHost('illumos'),
  'fresh-smartos': freshSmartosHost,
  populated: populatedHost,
  'host-a': hostA,
  'host-b': hostB,
  'host-c': hostC,
  'host-g': hostG,
  'running-zones-10': () => hostWithRunningZones(10),
} as const satisfies Record<string, () => SimState>;

export type PresetName = keyof typeof PRESETS;

export interface SimHostOptions {
  /** the agent's --root; the sim keeps <root>/etc/zones/{index,*.xml} current */
  root?: string;
  /**
   * Serve tool calls from one long-running Node (server.ts) instead of one
   * process per call: same behaviour and logs, a few ms per call instead of
   * ~50-100. Its control dir is `<dir>.server`; call close() when done.
   */
  server?: boolean | ServerOptions;
}

export class SimHost {
  readonly dir: string;
  readonly root: string | undefined;
  private server: RunningServer | undefined;

  private constructor(dir: string, root: string | undefined) {
    this.dir = dir;
    this.root = root;
  }

  /** Seed `dir` (created if needed) with a state or a preset; clears faults and the log. */
  static create(dir: string, seed: SimState | PresetName, opts: SimHostOptions = {}): SimHost {
    fs.mkdirSync(dir, { recursive: true });
    const state = typeof seed === 'string' ? PRESETS[seed]() : (JSON.parse(JSON.stringify(seed)) as SimState);
    const host = new SimHost(path.resolve(dir), opts.root === undefined ? undefined : path.resolve(opts.root));
    for (const f of ['faults.json', 'invocations.jsonl']) fs.rmSync(path.join(host.dir, f), { force: true });
    host.write(state);
    if (opts.server) host.server = startServer(`${host.dir}.server`, simNode(), opts.server === true ? {} : opts.server);
    return host;
  }

  /** The server's pid, while one runs for this host. */
  get serverPid(): number | undefined {
    return this.server?.pid;
  }

  /** Stops the server, if any (the state stays); env() then runs tools as processes again. */
  close(): void {
    if (this.server) stopServer(this.server);
    this.server = undefined;
  }

  /** Attach to an existing state directory. */
  static open(dir: string, opts: SimHostOptions = {}): SimHost {
    return new SimHost(path.resolve(dir), opts.root === undefined ? undefined : path.resolve(opts.root));
  }

  get binDir(): string {
    return simBinDir();
  }

  /** process.env plus PATH with the sim tools first, KILN_SIM_STATE and KILN_SIM_ROOT. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    env['PATH'] = `${this.binDir}${path.delimiter}${process.env['PATH'] ?? ''}`;
    env['KILN_SIM_STATE'] = this.dir;
    // The sim always runs on this (current) Node, even when the agent under test runs on 0.10.
    env['KILN_SIM_NODE'] = simNode();
    if (this.root !== undefined) env['KILN_SIM_ROOT'] = this.root;
    else delete env['KILN_SIM_ROOT'];
    if (this.server) env['KILN_SIM_SERVER'] = this.server.ctl;
    else delete env['KILN_SIM_SERVER'];
    return { ...env, ...extra };
  }

  read(): SimState {
    return withLock(this.dir, () => loadState(this.dir));
  }

  write(state: SimState): void {
    withLock(this.dir, () => saveState(this.dir, state));
    if (this.root !== undefined) syncZoneFiles(this.root, state);
  }

  /** Read-modify-write under the lock. */
  update(fn: (s: SimState) => void): SimState {
    const s = withLock(this.dir, () => {
      const st = loadState(this.dir);
      fn(st);
      saveState(this.dir, st);
      return st;
    });
    if (this.root !== undefined) syncZoneFiles(this.root, s);
    return s;
  }

  addFault(f: Fault): void {
    withLock(this.dir, () => saveFaults(this.dir, [...loadFaults(this.dir), f]));
  }

  faults(): Fault[] {
    return loadFaults(this.dir);
  }

  clearFaults(): void {
    withLock(this.dir, () => saveFaults(this.dir, []));
  }

  invocations(): Invocation[] {
    return readInvocations(this.dir);
  }

  /** Mutating invocations only (tests assert there are none after a no-op run). */
  mutations(): Invocation[] {
    return this.invocations().filter((i) => i.mutating);
  }

  clearInvocations(): void {
    fs.rmSync(path.join(this.dir, 'invocations.jsonl'), { force: true });
  }
}

export { emptyHost, freshSmartosHost, populatedHost, hostWithRunningZones, hostA, hostB, hostC, hostG };
export { addDataset, addEtherstub, addPool, addVnic, addZone, configureZone, mirror, physLink, raidz, setZoneState } from './presets.ts';
export type { Fault, Invocation, SimState } from './state.ts';
