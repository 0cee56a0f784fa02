// The agent bundle's command line (no yargs: it must stay small and run on
// Node 0.10). `kiln-agent validate|plan|facts|agent|version`.
import { agentCommand } from './commands/agent.ts';
import type { AgentOptions } from './commands/agent.ts';
import { reportCommand } from './commands/report.ts';
import { factsCommand, planCommand } from './commands/plan.ts';
import type { RunContext } from './commands/run-context.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT } from './exit-codes.ts';
import { processRunner } from './host/runner.ts';
import { nodeFiles } from './io/node-files.ts';
import type { Output } from './io/types.ts';
import { illumosPlatform } from './platform/illumos/index.ts';
import { VERSION } from './version.ts';

export const USAGE = `usage: kiln-agent <command> [options]

commands:
  validate PROFILE... [--json]        check profiles; exit 0 valid, 2 invalid
  plan PROFILE [--root DIR] [--json]  observe the host and print the plan (read-only)
  facts [--root DIR] [--json]         print what observe sees on the host
  agent [--root DIR] [--profile FILE] [--concurrency N] [--platform illumos|linux]
                                      converge the host; exit 0 converged,
                                      1 degraded or fallback, 2 invalid or
                                      missing profile (nothing touched)
  report [--root DIR] [--json]        show the last run's report
  version                             print the version (also --version)
`;

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Record<string, string | boolean>;
}

const VALUE_FLAGS = ['root', 'profile', 'concurrency', 'timeout', 'platform'];

/** Split argv into a command, positionals and --flags (--x=y, --x y, --x). */
export function parseArgs(argv: string[]): ParsedArgs | { error: string } {
  const out: ParsedArgs = { command: '', positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.slice(0, 2) === '--') {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (VALUE_FLAGS.indexOf(name) >= 0) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { error: `--${name} needs a value` };
        out.flags[name] = v;
      } else out.flags[name] = true;
    } else if (a === '-h') out.flags.help = true;
    else if (!out.command) out.command = a;
    else out.positional.push(a);
  }
  return out;
}

export async function runCli(argv: string[], io: Output): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.err(`kiln-agent: ${parsed.error}\n${USAGE}`);
    return EXIT.INVALID;
  }
  const { command, positional, flags } = parsed;
  if (flags.version || command === 'version') {
    io.out(`kiln ${VERSION}\n`);
    return EXIT.OK;
  }
  if (flags.help || !command || command === 'help') {
    io.out(USAGE);
    return command || flags.help ? EXIT.OK : EXIT.INVALID;
  }
  const timeoutMs = flags.timeout ? Number(flags.timeout) * 1000 : 60000;
  const ctx: RunContext = {
    runner: processRunner({ defaultTimeoutMs: timeoutMs }),
    files: nodeFiles,
    io,
    platform: illumosPlatform(),
    root: typeof flags.root === 'string' ? flags.root : '/',
    now: Date.now,
  };
  const json = flags.json === true;
  switch (command) {
    case 'validate':
      if (!positional.length) {
        io.err('kiln-agent validate: name at least one profile\n');
        return EXIT.INVALID;
      }
      return validateCommand({ files: positional, json }, nodeFiles, io);
    case 'plan':
      if (positional.length !== 1) {
        io.err('kiln-agent plan: name one profile\n');
        return EXIT.INVALID;
      }
      return planCommand(ctx, { profile: positional[0] as string, json, timeoutMs });
    case 'facts':
      return factsCommand(ctx, { json, timeoutMs });
    case 'agent': {
      const opts: AgentOptions = {};
      if (typeof flags.profile === 'string') opts.profile = flags.profile;
      if (typeof flags.concurrency === 'string') opts.concurrency = Math.max(1, parseInt(flags.concurrency, 10) || 1);
      if (flags.platform !== undefined) {
        if (flags.platform !== 'illumos' && flags.platform !== 'linux') {
          io.err(`kiln-agent agent: --platform must be illumos or linux\n`);
          return EXIT.INVALID;
        }
        opts.platform = flags.platform;
      }
      return agentCommand(ctx, opts);
    }
    case 'report':
      return reportCommand(nodeFiles, io, { root: ctx.root, json });
    default:
      io.err(`kiln-agent: unknown command "${command}"\n${USAGE}`);
      return EXIT.INVALID;
  }
}
