// Runtime failures are typed, with stable codes; only main picks exit codes.
import type { CommandResult } from './host/runner.ts';

export class KilnError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'KilnError';
  }
}

/** A host command that failed: argv, exit code and the first stderr line. */
export class CommandError extends KilnError {
  readonly result: CommandResult;
  constructor(result: CommandResult) {
    super('E_COMMAND_FAILED', commandFailure(result));
    this.result = result;
    this.name = 'CommandError';
  }
}

/** `zpool import tank: exit 1: cannot import 'tank': ...` */
export function commandFailure(r: CommandResult): string {
  const what = r.argv.slice(0, 3).join(' ');
  if (r.spawnError) return `${what}: cannot run ${r.argv[0]}: ${r.spawnError}`;
  if (r.timedOut) return `${what}: timed out after ${r.durationMs}ms`;
  const line = (r.stderr || r.stdout).split('\n').filter((l) => l.trim() !== '')[0] || '';
  const status = r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return `${what}: ${status}${line ? ': ' + line.trim() : ''}`;
}

export class InternalError extends KilnError {
  constructor(message: string) {
    super('E_INTERNAL', message);
    this.name = 'InternalError';
  }
}
