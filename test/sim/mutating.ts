// Whether an invocation is meant to change the host (the invocation log's
// `mutating`), judged from argv; zonecfg refines it once its script is read.
import { getopt } from './getopt.ts';
import { scriptIsMutating } from './tools/zonecfg-lex.ts';

function operands(args: string[], withValue: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('-') && a.length > 1) {
      const letters = a.slice(1);
      const last = letters[letters.length - 1] ?? '';
      if (withValue.includes(last)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

export function isMutating(tool: string, args: string[]): boolean {
  const sub = args[0] ?? '';
  switch (tool) {
    case 'zpool':
      if (sub === 'import') return operands(args.slice(1), 'dRoc').length > 0 || args.includes('-a');
      return !['list', 'status', 'get', 'iostat', 'history', 'help'].includes(sub);
    case 'zfs':
      return !['list', 'get', 'help'].includes(sub);
    case 'dladm':
      return !sub.startsWith('show-');
    case 'zoneadm': {
      let i = 0;
      while (i < args.length && (args[i] ?? '').startsWith('-')) i += ['-z', '-u', '-R'].includes(args[i] ?? '') ? 2 : 1;
      const cmd = args[i];
      return cmd !== undefined && !['list', 'verify', 'help'].includes(cmd);
    }
    case 'zonecfg': {
      const cmds = operands(args, 'zuf');
      if (cmds.length > 0) return scriptIsMutating(cmds.join(' '));
      return true;
    }
    case 'prctl': {
      const r = getopt(args, 'Pt:n:v:srxe:d:i:p:');
      return r.opts.some(([l]) => 'srxed'.includes(l));
    }
    default:
      return false;
  }
}
