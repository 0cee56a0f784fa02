// The output format registry (HOUSE-STYLE 13, phase 2): which outputs each
// target gets. Formats are pure: FormatInput in, files out.
import type { Target } from '../build/smf.ts';
import { writeCpio } from './cpio.ts';
import { pxeFiles } from './pxe.ts';
import { smartosProject } from './smartos-project.ts';
import { writeTar } from './tar.ts';
import type { Format } from './types.ts';
import { usbFiles } from './usb-files.ts';

export const FORMATS: Record<string, Format> = {
  tar: async (i) => [{ path: 'overlay.tar', data: await writeTar(i.entries, i.mtime) }],
  cpio: (i) => [{ path: 'overlay.cpio', data: writeCpio(i.entries, i.mtime) }],
  smartos: smartosProject,
  usb: usbFiles,
  pxe: pxeFiles,
};

/** SmartOS gets everything; the loader module works on any illumos; Linux boots the cpio. */
export const TARGET_FORMATS: Record<Target, string[]> = {
  smartos: ['tar', 'cpio', 'smartos', 'usb', 'pxe'],
  illumos: ['tar', 'cpio', 'usb'],
  linux: ['tar', 'cpio'],
};
