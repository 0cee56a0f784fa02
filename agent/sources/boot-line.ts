// The boot line: SmartOS `bootparams` output (name=value per line, what the
// loader passed with -B) or a Linux kernel command line. Pure parsers; the
// rescue knobs and the profile URL are read from the result.

export type BootParams = Record<string, string>;

/** `bootparams` stdout: one `name=value` per line; later lines win. */
export function parseBootparams(stdout: string): BootParams {
  const out: BootParams = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\r$/, '');
  }
  return out;
}

/**
 * /proc/cmdline: space-separated words, `key=value` or a bare `key` (which
 * reads as `true`, so `kiln.disable` works like `kiln.disable=true`). Double
 * quotes group spaces, as the kernel does: `a="b c"` and `"a=b c"`.
 */
export function parseCmdline(text: string): BootParams {
  const out: BootParams = {};
  const words: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  const t = text.replace(/\n$/, '');
  for (let i = 0; i < t.length; i++) {
    const ch = t.charAt(i);
    if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (any) words.push(cur);
      cur = '';
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) words.push(cur);
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq === 0) continue;
    if (eq < 0) out[w] = 'true';
    else out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** A boolean knob: `true`, `1`, `yes` (and a bare word, already `true`). */
export function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());
}
