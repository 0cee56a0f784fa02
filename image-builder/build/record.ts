// build.json: what went in and what came out, so a build can be checked and
// reproduced. Holds no time or host name: the same inputs give the same bytes.
import * as crypto from 'node:crypto';
import type { OutFile } from '../formats/types.ts';
import type { Target } from './smf.ts';

export const sha256 = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex');

export interface BuildRecord {
  kiln_version: string;
  target: Target;
  source_date_epoch: number;
  profile: { path: string; name: string; sha256: string };
  agent: { sha256: string; size: number };
  pubkey: { sha256: string } | null;
  outputs: Array<{ path: string; size: number; sha256: string }>;
}

export function buildRecord(r: Omit<BuildRecord, 'outputs'>, files: OutFile[]): BuildRecord {
  const outputs = files
    .map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return { ...r, outputs };
}

export const recordText = (r: BuildRecord): string => JSON.stringify(r, null, 2) + '\n';
