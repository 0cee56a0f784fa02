// The agent bundle's entry point, and one of the two places that exit.
import { EXIT } from './exit-codes.ts';
import { runCli } from './cli.ts';
import { VERSION } from './version.ts';

const io = {
  out: (s: string) => process.stdout.write(s),
  err: (s: string) => process.stderr.write(s),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    // Node 0.10 has no process.exitCode: exit once output has drained.
    process.stdout.write('', () => process.exit(code));
  },
  (e: unknown) => {
    io.err(`kiln ${VERSION}: internal error: ${e instanceof Error ? e.stack || e.message : String(e)}\nkiln: see /var/kiln/report.json if it was written; please report this.\n`);
    process.exit(EXIT.INTERNAL);
  },
);
