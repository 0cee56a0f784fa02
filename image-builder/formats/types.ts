// What every output format receives and returns (phase 2 of a build).
import type { Entry } from '../build/manifest.ts';
import type { Target } from '../build/smf.ts';

export interface FormatInput {
  target: Target;
  /** the finished overlay manifest, sorted */
  entries: Entry[];
  /** seconds since the epoch, for every archive member */
  mtime: number;
  /** the profile file's bytes, as embedded */
  profile: Buffer;
  profileSha256: string;
  profileName: string;
  /** MACs named by network.nic_tags, as the profile normalised them */
  macs: string[];
  /** PXE: where the SmartOS platform directory is, relative to the PXE root or a URL */
  platform: string;
}

/** One file of the build output, relative to --out. */
export interface OutFile {
  path: string;
  data: Buffer;
}

export type Format = (input: FormatInput) => OutFile[] | Promise<OutFile[]>;
