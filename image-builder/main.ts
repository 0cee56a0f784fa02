// `kiln`: the whole command line for current Node (yargs). The agent
// commands are the same functions the agent bundle runs. One of the two
// places that exit.
import yargs from 'yargs';
import { agentCommand } from '../agent/commands/agent.ts';
import type { AgentOptions } from '../agent/commands/agent.ts';
import { factsCommand, planCommand } from '../agent/commands/plan.ts';
import { reportCommand } from '../agent/commands/report.ts';
import type { RunContext } from '../agent/commands/run-context.ts';
import { validateCommand } from '../agent/commands/validate.ts';
import { EXIT } from '../agent/exit-codes.ts';
import { processRunner } from '../agent/host/runner.ts';
import { nodeFiles } from '../agent/io/node-files.ts';
import { illumosPlatform } from '../agent/platform/illumos/index.ts';
import { profileJsonSchema } from '../agent/profile/json-schema.ts';
import { VERSION } from '../agent/version.ts';
import { buildCommand } from './commands/build.ts';
import type { BuildOptions } from './commands/build.ts';
import { initrdAppendCommand } from './commands/initrd.ts';
import { usbCommand } from './usb/command.ts';
import type { UsbOptions } from './usb/command.ts';

const io = {
  out: (s: string) => void process.stdout.write(s),
  err: (s: string) => void process.stderr.write(s),
};

function hostContext(root: string, timeoutS: number): RunContext {
  return { runner: processRunner({ defaultTimeoutMs: timeoutS * 1000 }), files: nodeFiles, io, platform: illumosPlatform(), root, now: Date.now };
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.OK;
  const run = (p: Promise<number>) => p.then((c) => { code = c; });
  await yargs(argv)
    .scriptName('kiln')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'name a command; see kiln --help')
    .command('validate <profiles..>', 'check profiles; exit 0 valid, 2 invalid', (y) =>
      y.positional('profiles', { type: 'string', array: true, demandOption: true }).option('json', { type: 'boolean', default: false, describe: 'machine-readable output' }),
      (a) => run(validateCommand({ files: a.profiles as string[], json: a.json }, nodeFiles, io)))
    .command('schema', 'print the JSON Schema of kiln/v1 profiles', (y) => y, () => {
      io.out(JSON.stringify(profileJsonSchema(), null, 2) + '\n');
    })
    .command('plan <profile>', 'observe the host and print the plan (read-only)', (y) =>
      y.positional('profile', { type: 'string', demandOption: true })
        .option('root', { type: 'string', default: '/', describe: 'prefix of every file path' })
        .option('json', { type: 'boolean', default: false })
        .option('timeout', { type: 'number', default: 60, describe: 'seconds per host command' }),
      (a) => run(planCommand(hostContext(a.root, a.timeout), { profile: a.profile, json: a.json, timeoutMs: a.timeout * 1000 })))
    .command('facts', 'print what observe sees on the host', (y) =>
      y.option('root', { type: 'string', default: '/' }).option('json', { type: 'boolean', default: false }).option('timeout', { type: 'number', default: 60 }),
      (a) => run(factsCommand(hostContext(a.root, a.timeout), { json: a.json, timeoutMs: a.timeout * 1000 })))
    .command('agent', 'converge the host from its profile (the boot run)', (y) =>
      y.option('root', { type: 'string', default: '/' })
        .option('profile', { type: 'string', describe: 'profile file; without it the agent looks in its sources' })
        .option('concurrency', { type: 'number', describe: 'actions at once (default: boot.concurrency)' })
        .option('platform', { choices: ['illumos', 'linux'] as const, describe: 'where the boot line and disks are read from (default illumos)' })
        .option('timeout', { type: 'number', default: 60 }),
      (a) => {
        const opts: AgentOptions = {};
        if (a.profile) opts.profile = a.profile;
        if (a.concurrency) opts.concurrency = a.concurrency;
        if (a.platform) opts.platform = a.platform;
        return run(agentCommand(hostContext(a.root, a.timeout), opts));
      })
    .command('report', 'print the last run\'s report readably', (y) =>
      y.option('root', { type: 'string', default: '/' }).option('json', { type: 'boolean', default: false, describe: 'print report.json as it is' }),
      (a) => run(reportCommand(nodeFiles, io, { root: a.root, json: a.json })))
    .command('build <profile>', 'build the live-image overlay, smartos-live project, USB files and PXE tree', (y) =>
      y.positional('profile', { type: 'string', demandOption: true })
        .option('out', { type: 'string', demandOption: true, describe: 'output directory' })
        .option('target', { choices: ['smartos', 'illumos', 'linux'] as const, default: 'smartos' as const })
        .option('pubkey', { type: 'string', describe: 'ed25519 public key (PEM or base64) the agent checks profile signatures with' })
        .option('agent', { type: 'string', describe: 'agent bundle to embed (default: the kiln-agent.js beside this CLI)' })
        .option('platform', { type: 'string', describe: 'PXE path prefix of the SmartOS platform (default os/latest/platform)' })
        .option('source-date-epoch', { type: 'number', describe: 'mtime of every entry (default: $SOURCE_DATE_EPOCH or 0)' })
        .option('json', { type: 'boolean', default: false, describe: 'print build.json' }),
      (a) => {
        const opts: BuildOptions = { profile: a.profile, out: a.out, target: a.target, json: a.json };
        if (a.pubkey) opts.pubkey = a.pubkey;
        if (a.agent) opts.agent = a.agent;
        if (a.platform) opts.platform = a.platform;
        if (a['source-date-epoch'] !== undefined) opts.sourceDateEpoch = a['source-date-epoch'];
        return run(buildCommand(opts, io));
      })
    .command('usb <profile>', 'put the profile on a USB image: into the FAT partition of --base, or a new FAT image labelled KILN', (y) =>
      y.positional('profile', { type: 'string', demandOption: true })
        .option('base', { type: 'string', describe: 'existing USB image (never modified; copied to --out)' })
        .option('new', { type: 'string', describe: 'make a fresh image of this size (64M, 1G, ...)' })
        .option('o', { alias: 'out', type: 'string', demandOption: true, describe: 'output image' })
        .option('progress', { type: 'boolean', describe: 'progress lines while copying (default: when stderr is a terminal)' })
        .conflicts('base', 'new'),
      (a) => {
        const opts: UsbOptions = { profile: a.profile, out: a.o };
        if (a.base) opts.base = a.base;
        if (a.new) opts.newSize = a.new;
        if (a.progress !== undefined) opts.progress = a.progress;
        return run(usbCommand(opts, io));
      })
    .command('initrd', 'initramfs tools', (y) =>
      y.command('append <base> <overlay>', 'append an overlay (cpio or tar) to an initramfs so the kernel reads both', (z) =>
        z.positional('base', { type: 'string', demandOption: true })
          .positional('overlay', { type: 'string', demandOption: true })
          .option('o', { alias: 'out', type: 'string', demandOption: true, describe: 'output file' }),
        (a) => run(initrdAppendCommand({ base: a.base, overlay: a.overlay, out: a.o }, io)))
        .demandCommand(1, 'name an initrd command: append'))
    .fail((msg, err, y) => {
      // yargs reports usage problems as a message, a YError or (from .check) a plain string; any other Error is a bug.
      if (err instanceof Error && err.name !== 'YError') throw err;
      io.err(`${y.help() && ''}kiln: ${msg || String(err && (err as Error).message ? (err as Error).message : err)}\nsee kiln --help\n`);
      code = EXIT.INVALID;
    })
    .parseAsync();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    io.err(`kiln ${VERSION}: internal error: ${e instanceof Error ? e.stack || e.message : String(e)}\n`);
    process.exit(EXIT.INTERNAL);
  },
);
