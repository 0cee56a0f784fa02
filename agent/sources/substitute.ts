// `${mac}`, `${uuid}` and `${hostname}` in the profile URL, so one boot line
// serves a whole fleet. Pure: the values are looked up elsewhere, and only
// when the URL names them.

export const URL_VARS = ['mac', 'uuid', 'hostname'] as const;
export type UrlVar = (typeof URL_VARS)[number];

/** The variables a URL uses, in URL_VARS order. */
export function urlVars(url: string): UrlVar[] {
  return URL_VARS.filter((v) => url.indexOf('${' + v + '}') >= 0);
}

// A value must not change the URL's shape (no `/`, `?`, `#`, `@`, spaces).
const SHAPES: Record<UrlVar, RegExp> = {
  mac: /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  hostname: /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/,
};

/** Replace every `${var}`; an error names the first variable with no usable value. */
export function substituteUrl(url: string, values: Partial<Record<UrlVar, string>>): { url: string } | { error: string } {
  let out = url;
  for (const v of urlVars(url)) {
    const val = values[v];
    if (val === undefined || val === '') return { error: `the profile URL uses \${${v}}, but the host's ${v} is unknown` };
    if (!SHAPES[v].test(val)) return { error: `the profile URL uses \${${v}}, but the host's ${v} "${val}" is not one` };
    out = out.split('${' + v + '}').join(v === 'uuid' ? val.toLowerCase() : val);
  }
  return { url: out };
}

/** `0:c:29:5d:1a:10` (dladm's form) → `00:0c:29:5d:1a:10`; null if not a MAC. */
export function paddedMac(mac: string): string | null {
  const parts = mac.trim().split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return parts.map((p) => (p.length === 1 ? '0' + p : p).toLowerCase()).join(':');
}

/** The first row of `dladm show-phys -m -p -o link,address` (`e1000g0:0\:c\:29\:5d\:1a\:10`). */
export function firstPhysMac(stdout: string): string | null {
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    if (i < 0) continue;
    return paddedMac(line.slice(i + 1).replace(/\\:/g, ':'));
  }
  return null;
}

/** The system UUID from `smbios -t SMB_TYPE_SYSTEM` (the line `  UUID: ...`). */
export function smbiosUuid(stdout: string): string | null {
  const m = /^\s*UUID:\s*([0-9a-fA-F-]{36})\s*$/m.exec(stdout);
  return m ? (m[1] as string).toLowerCase() : null;
}
