// kiln's lines in /boot/loader.conf.local: they make the SmartOS loader load
// the profile as a boot module of type "file", which the kernel exposes at
// /system/boot/<name without its leading '/'> (loader.conf(4), bootfs(7FS)).
// The user's own lines are kept; only the block between the markers is ours.

export const PROFILE_PATH = 'kiln/profile.yaml';
export const LOADER_CONF_PATH = 'boot/loader.conf.local';
export const BEGIN = '# kiln begin';
export const END = '# kiln end';

export function kilnBlock(): string[] {
  return [
    BEGIN,
    '# Loads the kiln profile; the kernel shows it as /system/boot/kiln/profile.yaml.',
    'kiln_profile_load="YES"',
    'kiln_profile_type="file"',
    `kiln_profile_name="/${PROFILE_PATH}"`,
    END,
  ];
}

/** A `kiln_profile_*=` line outside the block would override ours: it is kiln's, so it goes. */
const KILN_VAR = /^\s*kiln_profile_[a-z_]+\s*=/;

/**
 * The new file text: `existing` (null when there is none) with kiln's block
 * replaced where it was, or appended. Line endings follow the existing file.
 */
export function mergeLoaderConf(existing: string | null): string {
  if (existing === null || existing === '') return kilnBlock().join('\n') + '\n';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let inBlock = false, placed = false;
  for (const line of lines) {
    const t = line.trim();
    if (t === BEGIN) {
      inBlock = true;
      if (!placed) { out.push(...kilnBlock()); placed = true; }
      continue;
    }
    if (inBlock) {
      if (t === END) inBlock = false;
      continue;
    }
    if (KILN_VAR.test(line)) continue;
    out.push(line);
  }
  if (!placed) out.push(...kilnBlock());
  return out.join(eol) + eol;
}
