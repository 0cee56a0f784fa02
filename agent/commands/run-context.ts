// What every host-facing command needs: a runner, the files, the platform.
import type { Runner } from '../host/runner.ts';
import type { Files, Output } from '../io/types.ts';
import type { Platform } from '../platform/platform.ts';

export interface RunContext {
  runner: Runner;
  files: Files;
  io: Output;
  platform: Platform;
  root: string;
  now: () => number;
}
