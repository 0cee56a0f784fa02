// smartos/: a smartos-live "local project" (projects/local/kiln) that installs
// the overlay into the platform image at build time. The manifest line format
// is smartos-live's: d|f path mode owner group, s link=target.
import type { Entry } from '../build/manifest.ts';
import type { FormatInput, OutFile } from './types.ts';

const oct = (m: number): string => '0' + m.toString(8).padStart(3, '0');

/** smartos-live manifest lines for the entries, in manifest order. */
export function manifestText(entries: Entry[]): string {
  const lines = ['# kiln overlay (written by kiln build); smartos-live manifest format'];
  for (const e of entries) {
    if (e.type === 'symlink') lines.push(`s ${e.path}=${e.target ?? ''}`);
    else lines.push(`${e.type === 'dir' ? 'd' : 'f'} ${e.path} ${oct(e.mode)} ${e.owner} ${e.group}`);
  }
  return lines.join('\n') + '\n';
}

function installLines(entries: Entry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const dest = `$(DESTDIR)/${e.path}`;
    if (e.type === 'dir') out.push(`\tmkdir -p ${dest}`, `\tchmod ${oct(e.mode)} ${dest}`);
    else if (e.type === 'symlink') out.push(`\trm -f ${dest}`, `\tln -s ${e.target ?? ''} ${dest}`);
    // rm first: a re-install must not fail on the read-only copy of last time.
    else out.push(`\trm -f ${dest}`, `\tcp proto/${e.path} ${dest}`, `\tchmod ${oct(e.mode)} ${dest}`);
  }
  return out;
}

function makefile(entries: Entry[]): string {
  return [
    '# kiln local project for smartos-live (written by kiln build).',
    '# smartos-live runs these targets with DESTDIR (the proto area) and DESTNAME',
    '# (where this project\'s manifest goes) set. Nothing here is compiled: the',
    '# files under proto/ are copied as they are; owners come from the manifest.',
    '',
    '.PHONY: world install manifest update mancheck_conf clean',
    '',
    'world:',
    '\t@:',
    '',
    'install:',
    ...installLines(entries),
    '',
    'manifest:',
    '\tcp manifest $(DESTDIR)/$(DESTNAME)',
    '',
    '# Nothing to fetch: re-run kiln build to refresh this directory.',
    'update:',
    '\t@:',
    '',
    '# kiln ships no manual pages.',
    'mancheck_conf:',
    '\t@:',
    '',
    'clean:',
    '\t@:',
    '',
  ].join('\n');
}

function readme(input: FormatInput): string {
  return [
    '# kiln: smartos-live local project',
    '',
    `Written by \`kiln build\` for the profile \`${input.profileName}\` (sha256 \`${input.profileSha256}\`).`,
    'It bakes the kiln agent, its SMF service (`svc:/system/kiln:default`) and the',
    'profile into a SmartOS platform image built with smartos-live.',
    '',
    '1. Put this directory at `projects/local/kiln` in your smartos-live checkout',
    '   (copy it, or clone it from a git repository you keep it in).',
    '2. Name it in `configure-projects` at the top of the checkout; the line format',
    '   is `<path under projects/>:<branch>:<git URL or origin>`, as in',
    '   `default.configure-projects`:',
    '',
    '   ```',
    '   local/kiln: master: origin',
    '   ```',
    '',
    '   or, if configure should clone it, `local/kiln: master: <your git URL>`.',
    '3. `./configure && gmake live`. The build runs `gmake world install manifest`',
    '   here; `manifest` lists every file with its mode and owner.',
    '',
    'The image then runs `/lib/svc/method/kiln` at every boot, after the pools are',
    'imported and the physical network is up, before zones and VMs autoboot.',
    '',
  ].join('\n');
}

/** smartos/Makefile, manifest, README.md and the files themselves under proto/. */
export function smartosProject(input: FormatInput): OutFile[] {
  const out: OutFile[] = [
    { path: 'smartos/Makefile', data: Buffer.from(makefile(input.entries)) },
    { path: 'smartos/README.md', data: Buffer.from(readme(input)) },
    { path: 'smartos/manifest', data: Buffer.from(manifestText(input.entries)) },
  ];
  for (const e of input.entries) if (e.type === 'file') out.push({ path: `smartos/proto/${e.path}`, data: e.data ?? Buffer.alloc(0) });
  return out;
}
