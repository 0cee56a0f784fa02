// Reading and writing the state directory: state.json (atomic tmp + rename),
// faults.json and the invocation log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fault, Invocation, SimState } from './state.ts';

export function statePath(dir: string): string {
  return path.join(dir, 'state.json');
}

export function loadState(dir: string): SimState {
  return JSON.parse(fs.readFileSync(statePath(dir), 'utf8')) as SimState;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export function saveState(dir: string, s: SimState): void {
  writeAtomic(statePath(dir), JSON.stringify(s, null, 1) + '\n');
}

export function loadFaults(dir: string): Fault[] {
  const file = path.join(dir, 'faults.json');
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8').trim();
  return text ? (JSON.parse(text) as Fault[]) : [];
}

export function saveFaults(dir: string, faults: Fault[]): void {
  writeAtomic(path.join(dir, 'faults.json'), JSON.stringify(faults, null, 1) + '\n');
}

export function appendInvocation(dir: string, inv: Invocation): void {
  fs.appendFileSync(path.join(dir, 'invocations.jsonl'), JSON.stringify(inv) + '\n');
}

export function readInvocations(dir: string): Invocation[] {
  const file = path.join(dir, 'invocations.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Invocation);
}
