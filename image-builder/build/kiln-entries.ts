// What kiln itself puts into the image, per target: the agent, its boot
// service (SMF on illumos, a start script on Linux), the embedded profile and
// the optional signing key. The paths are where the agent looks for them.
import type { Entry } from './manifest.ts';
import { fileEntry } from './manifest.ts';
import type { Target } from './smf.ts';
import { linuxBootScript, methodScript, smfManifest } from './smf.ts';

export const AGENT_PATH = 'usr/lib/kiln/kiln-agent.js';
export const PROFILE_PATH = 'etc/kiln/profile.yaml';
export const PUBKEY_PATH = 'etc/kiln/profile-signing.pub';
export const SMF_MANIFEST_PATH = 'lib/svc/manifest/system/kiln.xml';
export const SMF_METHOD_PATH = 'lib/svc/method/kiln';
export const LINUX_BOOT_PATH = 'usr/lib/kiln/kiln-boot.sh';

export interface KilnInputs {
  target: Target;
  agent: Buffer;
  profile: Buffer;
  /** normalised key text, when --pubkey was given */
  pubkey?: string;
  /** the profile's boot.timeouts.total, ms */
  totalTimeoutMs: number;
}

/** SMF's start timeout: the agent's own limit plus room to report, never under an hour. */
export function methodTimeoutS(totalMs: number): number {
  return Math.max(3600, Math.ceil(totalMs / 1000) + 600);
}

export function kilnEntries(k: KilnInputs): Entry[] {
  const out = [
    fileEntry(AGENT_PATH, 0o444, 'root', 'bin', k.agent),
    fileEntry(PROFILE_PATH, 0o444, 'root', 'sys', k.profile),
  ];
  if (k.pubkey !== undefined) out.push(fileEntry(PUBKEY_PATH, 0o444, 'root', 'sys', Buffer.from(k.pubkey, 'utf8')));
  if (k.target === 'linux') {
    out.push(fileEntry(LINUX_BOOT_PATH, 0o555, 'root', 'bin', Buffer.from(linuxBootScript(), 'utf8')));
  } else {
    out.push(
      fileEntry(SMF_MANIFEST_PATH, 0o444, 'root', 'sys', Buffer.from(smfManifest(k.target, methodTimeoutS(k.totalTimeoutMs)), 'utf8')),
      fileEntry(SMF_METHOD_PATH, 0o555, 'root', 'bin', Buffer.from(methodScript(), 'utf8')),
    );
  }
  return out;
}
