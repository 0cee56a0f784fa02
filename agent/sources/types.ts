// What a profile source needs and what it answers. Sources are data
// (HOUSE-STYLE 12): an ordered list of `{name, where, fetch}`; discovery
// walks it and the first source that finds a profile wins.
import type { Runner } from '../host/runner.ts';
import type { Files } from '../io/types.ts';
import type { BootParams } from './boot-line.ts';
import type { Devices } from './block.ts';
import type { HttpClient } from './http.ts';
import type { PlatformName } from './read-boot-line.ts';

export interface SourceEnv {
  platform: PlatformName;
  runner: Runner;
  files: Files;
  devices: Devices;
  http: HttpClient;
  root: string;
  params: BootParams;
  /** ms per host command */
  commandTimeoutMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** a line for the console (fetch attempts, scan notes) */
  log(line: string): void;
}

/**
 * none: nothing here, try the next source; unreachable: the source is named
 * but could not be read (the next source is tried); refused: a profile was
 * found and must not be applied (discovery stops; the last good one is used).
 */
export type Fetched =
  | { kind: 'none' }
  | { kind: 'found'; source: string; /** for diagnostics: a path or URL */ label: string; bytes: Buffer }
  | { kind: 'unreachable'; source: string; reason: string }
  | { kind: 'refused'; source: string; reason: string };

export interface ProfileSource {
  name: string;
  /** where it looks, for the "no profile found" line */
  where(env: SourceEnv): string;
  fetch(env: SourceEnv): Promise<Fetched>;
}

/** A profile that was found and not applied, for the report and the console. */
export interface Rejection {
  source: string;
  reason: string;
  /** of the refused bytes, when they were read */
  sha256?: string;
}
