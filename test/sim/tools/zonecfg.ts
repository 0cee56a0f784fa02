// zonecfg -z zone [-f file | -f - | "cmd; cmd" | stdin]: reads the command
// language, reports errors (with `On line N of FILE:` in file mode), exit 0/1/2.
import * as fs from 'node:fs';
import type { Ctx } from '../ctx.ts';
import { getopt, optValue } from '../getopt.ts';
import { runCmd, finish } from './zonecfg-exec.ts';
import type { Session } from './zonecfg-exec.ts';
import { ZSyntaxError, parseScript, scriptIsMutating } from './zonecfg-lex.ts';

const USAGE =
  'usage:\tzonecfg -z <zone> (interactive)\n' +
  '\tzonecfg -z <zone> <command>\n' +
  '\tzonecfg -z <zone> -f <command-file>\n';

/** [UNCERTAIN] the syntax help printed after a bad zone name. */
const NAME_HELP =
  'zonename: a zone name must be less than 64 characters, begin with an\n' +
  "\talphanumeric character and contain only alphanumerics, '-', '_' and '.';\n" +
  "\t'global' and names beginning with 'SUNW' are reserved.\n";

export function zonecfg(ctx: Ctx): number {
  const g = getopt(ctx.args, ':z:u:f:R:');
  if (g.error) {
    ctx.err(`zonecfg: ${g.error.kind === 'missing' ? 'option requires an argument' : 'illegal option'} -- ${g.error.letter}\n${USAGE}`);
    return 2;
  }
  const file = optValue(g, 'f');
  let name = optValue(g, 'z');
  const uuid = optValue(g, 'u');
  if (uuid !== undefined && name === undefined) {
    const z = ctx.read().zones.find((x) => x.config.uuid === uuid);
    if (!z) {
      ctx.err(`${uuid}: No such zone configured\n`);
      return 1;
    }
    name = z.name;
  }
  if (name === undefined) {
    ctx.err(`zonecfg: no zone specified\n${USAGE}`);
    return 2;
  }
  if (name.startsWith('SUNW')) {
    ctx.err(`${name}: zones beginning with SUNW are read-only.\n`);
    return 1;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.length >= 64 || name === 'global') {
    ctx.err(`${name}: Bogus zone name\n${NAME_HELP}`);
    return 2;
  }
  let text: string;
  let label: string | undefined;
  if (file !== undefined) {
    label = file;
    if (file === '-') text = ctx.stdin();
    else {
      try {
        text = fs.readFileSync(ctx.path(file), 'utf8');
      } catch {
        ctx.err(`zonecfg: could not open file ${file}: No such file or directory\n`);
        return 1;
      }
    }
  } else if (g.operands.length > 0) {
    text = g.operands.join(' ');
  } else {
    text = ctx.stdin();
  }
  ctx.mutating = scriptIsMutating(text);
  const zone = name;
  return ctx.tx((s) => {
    const se: Session = { s, name: zone, dirty: false, done: false, out: (t) => ctx.out(t), path: (p) => ctx.path(p) };
    // Outside file mode errors carry no line prefix; [UNCERTAIN] `syntax error at '<token>'` there.
    const report = (line: number, msg: string, near: string): void => {
      if (msg === 'syntax error') {
        ctx.err(label !== undefined ? `syntax error on line ${line} of ${label}\n` : `syntax error at '${near}'\n`);
        return;
      }
      ctx.err(label !== undefined ? `On line ${line} of ${label}:\n${msg}\n` : `${msg}\n`);
    };
    for (const c of parseScript(text)) {
      if (c instanceof ZSyntaxError) {
        report(c.line, 'syntax error', c.near);
        return 1;
      }
      const e = runCmd(se, c);
      if (e) {
        report(c.line, e, c.name);
        return 1;
      }
      if (se.done) break;
    }
    const e = finish(se);
    if (e) {
      ctx.err(`${e}\n`);
      return 1;
    }
    return 0;
  });
}
