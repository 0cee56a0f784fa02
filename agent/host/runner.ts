// Every host command goes through one Runner: argv (never a shell string),
// optional stdin, a timeout, captured output. Tools are found through PATH so
// the simulated host can stand in for the real ones.
import { spawn } from 'child_process';

export interface Command {
  /** argv[0] is a tool name looked up on PATH */
  argv: string[];
  stdin?: string;
  /** ms; 0 or undefined = the runner's default */
  timeoutMs?: number;
  /** Substrings replaced by `***` wherever the command is logged or reported. */
  redact?: string[];
}

export interface CommandResult {
  argv: string[];
  /** exit status; null when killed by a signal or never started */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** spawn failure, e.g. ENOENT when the tool is not on PATH */
  spawnError?: string;
}

export interface Runner {
  run(cmd: Command): Promise<CommandResult>;
}

/** Replace every secret in argv before it is logged. */
export function redactArgv(argv: string[], secrets: string[] | undefined): string[] {
  if (!secrets || secrets.length === 0) return argv.slice();
  return argv.map((a) => {
    let out = a;
    for (const s of secrets) if (s) out = out.split(s).join('***');
    return out;
  });
}

export interface ProcessRunnerOptions {
  /** ms */
  defaultTimeoutMs: number;
  env?: Record<string, string | undefined>;
  /** Called after each command, with argv already redacted. */
  onResult?: (r: CommandResult) => void;
}

/** The real runner: child_process.spawn, no shell; works on Node 0.10 and today's Node. */
export function processRunner(opts: ProcessRunnerOptions): Runner {
  return {
    run(cmd: Command): Promise<CommandResult> {
      return new Promise<CommandResult>((resolve) => {
        const started = Date.now();
        const timeoutMs = cmd.timeoutMs || opts.defaultTimeoutMs;
        const logged = redactArgv(cmd.argv, cmd.redact);
        const out: string[] = [];
        const err: string[] = [];
        let timedOut = false;
        let done = false;
        const finish = (code: number | null, signal: string | null, spawnError?: string): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          const r: CommandResult = {
            argv: logged,
            code,
            signal,
            stdout: out.join(''),
            stderr: err.join(''),
            durationMs: Date.now() - started,
            timedOut,
          };
          if (spawnError !== undefined) r.spawnError = spawnError;
          if (opts.onResult) opts.onResult(r);
          resolve(r);
        };
        const [file, ...args] = cmd.argv;
        let child: ReturnType<typeof spawn>;
        try {
          child = spawn(file as string, args, { env: (opts.env || process.env) as NodeJS.ProcessEnv });
        } catch (e) {
          finish(null, null, String((e as Error).message));
          return;
        }
        const timer = setTimeout(() => {
          timedOut = true;
          try {
            child.kill('SIGKILL');
          } catch (_e) {
            /* already gone */
          }
        }, timeoutMs);
        child.on('error', (e: NodeJS.ErrnoException) => finish(null, null, e.code || e.message));
        if (child.stdout) {
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (d: string) => out.push(d));
        }
        if (child.stderr) {
          child.stderr.setEncoding('utf8');
          child.stderr.on('data', (d: string) => err.push(d));
        }
        child.on('close', (code: number | null, signal: string | null) => finish(code, signal));
        if (child.stdin) {
          child.stdin.on('error', () => undefined);
          child.stdin.end(cmd.stdin !== undefined ? cmd.stdin : '');
        }
      });
    },
  };
}
