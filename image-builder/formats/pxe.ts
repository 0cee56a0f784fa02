// pxe/: a static tree any HTTP (or TFTP) server can serve. iPXE runs
// menu.ipxe, which chains hosts/<mac>.ipxe for a known NIC or boot.ipxe. Each
// script boots SmartOS (kernel, boot_archive, its hash) plus the profile as a
// boot module, with the profile's sha256 as a boot property for the agent.
import type { FormatInput, OutFile } from './types.ts';

export const DEFAULT_PLATFORM = 'os/latest/platform';
const CONSOLE = 'console=ttyb,ttyb-mode="115200,8,n,1,-"';

/** "0:c:29:5d:1a:10" -> "00:0c:29:5d:1a:10", the way iPXE prints ${net0/mac}. */
export function ipxeMac(mac: string): string {
  return mac.toLowerCase().split(':').map((b) => b.padStart(2, '0')).join(':');
}

/**
 * Why the platform prefix would not boot, or undefined. SmartOS needs the
 * files at exactly <prefix>/platform/i86pc/..., or krtld fails to load.
 */
export function platformProblem(p: string): string | undefined {
  if (!/^[A-Za-z0-9_.:/@%+=~-]+$/.test(p)) return `platform "${p}" holds characters an iPXE script line cannot carry`;
  if (!/(^|\/)platform\/?$/.test(p)) return `platform "${p}" must name the SmartOS "platform" directory itself (like os/20240301T000000Z/platform): the kernel finds its modules only under .../platform/i86pc`;
  return undefined;
}

const isAbsolute = (u: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(u) || u.charAt(0) === '/';

/** A path relative to the PXE root, as seen from a script `depth` directories down. */
const fromScript = (u: string, depth: number): string => (isAbsolute(u) ? u : '../'.repeat(depth) + u);

function bootScript(input: FormatInput, depth: number, what: string): string {
  const plat = fromScript(input.platform.replace(/\/+$/, ''), depth);
  const profile = fromScript('kiln/profile.yaml', depth);
  return [
    '#!ipxe',
    `# kiln: boot SmartOS with the profile "${input.profileName}" (${what}); written by kiln build.`,
    `# The SmartOS platform is expected at "${input.platform}" under the PXE root`,
    `# (default ${DEFAULT_PLATFORM}; kiln build --platform changes it): <platform>/i86pc/kernel/amd64/unix`,
    '# and <platform>/i86pc/amd64/boot_archive(.hash). Relative paths resolve against this script\'s URL.',
    `# The profile becomes /system/boot/kiln/profile.yaml; kiln.sha256 lets the agent check it.`,
    `kernel ${plat}/i86pc/kernel/amd64/unix -B smartos=true,${CONSOLE},kiln.sha256=${input.profileSha256} || goto fail`,
    `module ${plat}/i86pc/amd64/boot_archive type=rootfs name=ramdisk || goto fail`,
    `module ${plat}/i86pc/amd64/boot_archive.hash type=hash name=ramdisk || goto fail`,
    `module ${profile} type=file name=kiln/profile.yaml || goto fail`,
    'boot',
    ':fail',
    'echo kiln: could not load the SmartOS platform or the profile; dropping to the iPXE shell',
    'shell',
    '',
  ].join('\n');
}

function menu(input: FormatInput): string {
  return [
    '#!ipxe',
    `# kiln: point DHCP's boot file at this script; written by kiln build for "${input.profileName}".`,
    '# A NIC named in the profile boots its own script, any other the default.',
    'chain hosts/${net0/mac}.ipxe || chain boot.ipxe',
    '',
  ].join('\n');
}

/** pxe/menu.ipxe, pxe/boot.ipxe, pxe/hosts/<mac>.ipxe per profile MAC, pxe/kiln/profile.yaml */
export function pxeFiles(input: FormatInput): OutFile[] {
  const macs = [...new Set(input.macs.map(ipxeMac))].sort();
  return [
    { path: 'pxe/boot.ipxe', data: Buffer.from(bootScript(input, 0, 'default')) },
    ...macs.map((m) => ({ path: `pxe/hosts/${m}.ipxe`, data: Buffer.from(bootScript(input, 1, `NIC ${m}`)) })),
    { path: 'pxe/kiln/profile.yaml', data: input.profile },
    { path: 'pxe/menu.ipxe', data: Buffer.from(menu(input)) },
  ];
}
