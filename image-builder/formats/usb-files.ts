// usb/: the files for a SmartOS USB key's FAT partition. The loader loads the
// profile as a boot module of type "file"; the kernel shows it read-only at
// /system/boot/<name without the leading />, where the agent looks first.
import type { FormatInput, OutFile } from './types.ts';

/** on the key, and the module name: /system/boot/kiln/profile.yaml at boot */
export const USB_PROFILE_PATH = 'kiln/profile.yaml';

export function loaderConfLocal(input: FormatInput): string {
  return [
    '# kiln: load the host profile as a boot module (written by kiln build).',
    '# Add these lines to /boot/loader.conf.local on the USB key (on a piadm',
    '# bootable pool: ${BOOTFS}/custom/loader.conf.local) and copy',
    `# ${USB_PROFILE_PATH} to /${USB_PROFILE_PATH} on the key. At boot the file appears at`,
    `# /system/boot/${USB_PROFILE_PATH}, where the kiln agent looks first.`,
    `# profile "${input.profileName}", sha256 ${input.profileSha256}`,
    'kiln_profile_load="YES"',
    'kiln_profile_type="file"',
    `kiln_profile_name="/${USB_PROFILE_PATH}"`,
    '',
  ].join('\n');
}

/** usb/boot/loader.conf.local and usb/kiln/profile.yaml */
export function usbFiles(input: FormatInput): OutFile[] {
  return [
    { path: 'usb/boot/loader.conf.local', data: Buffer.from(loaderConfLocal(input)) },
    { path: `usb/${USB_PROFILE_PATH}`, data: input.profile },
  ];
}
