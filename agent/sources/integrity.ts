// Integrity of a fetched profile: a sha256 pinned on the boot line, or an
// ed25519 detached signature checked with the key baked into the image.
import * as crypto from 'crypto';
import type * as Nacl from 'tweetnacl';
import { stringBuffer } from '../io/buffers.ts';

// The small (not "fast") build: one verify per boot, and it saves ~14 KB.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nacl: typeof Nacl = require('tweetnacl/nacl.js');

export const SIGNING_KEY_PATH = '/etc/kiln/profile-signing.pub';

export function sha256Hex(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** null when the hash matches, else why not. */
export function checkSha256(bytes: Buffer, expected: string): string | null {
  const want = expected.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(want)) return `kiln.sha256 "${expected}" is not 64 hex digits`;
  const got = sha256Hex(bytes);
  return got === want ? null : `sha256 mismatch: the profile is ${got}, the boot line pins ${want}`;
}

/** Strict base64 → bytes, or null. */
export function decodeBase64(text: string, bytes: number): Buffer | null {
  const t = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  const b = stringBuffer(t, 'base64');
  return b.length === bytes ? b : null;
}

// tweetnacl insists on Uint8Array, and on Node 0.10 a Buffer is not one.
function u8(b: Buffer): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[i] as number;
  return out;
}

/** null when `sigText` (base64 of 64 bytes) is a valid signature of `bytes` by `keyText`. */
export function checkSignature(bytes: Buffer, sigText: string, keyText: string): string | null {
  const key = decodeBase64(keyText, 32);
  if (!key) return `the signing key ${SIGNING_KEY_PATH} is not base64 of a 32-byte ed25519 key`;
  const sig = decodeBase64(sigText, 64);
  if (!sig) return 'the signature is not base64 of a 64-byte ed25519 signature';
  return nacl.sign.detached.verify(u8(bytes), u8(sig), u8(key)) ? null : 'bad signature: the profile was not signed by the key baked into this image';
}
