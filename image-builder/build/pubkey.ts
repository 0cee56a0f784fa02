// The profile-signing public key as the agent reads it: base64 of the raw
// 32-byte ed25519 key and a newline, whichever form the user gave.
import * as crypto from 'node:crypto';

export class KeyError extends Error {}

// DER prefix of an ed25519 SubjectPublicKeyInfo (RFC 8410): the raw key follows.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** PEM SPKI or base64 of the raw 32 bytes -> "<base64>\n"; anything else throws KeyError. */
export function normalisePublicKey(text: string, file: string): string {
  const t = text.trim();
  if (t.indexOf('-----BEGIN') >= 0) {
    if (!/^-----BEGIN PUBLIC KEY-----/.test(t)) {
      throw new KeyError(`${file}: not a public key (a "${t.split('\n')[0]}" block); give the ed25519 PUBLIC KEY in PEM, never the private key`);
    }
    let key: crypto.KeyObject;
    try {
      key = crypto.createPublicKey({ key: t, format: 'pem' });
    } catch (e) {
      throw new KeyError(`${file}: the PEM public key does not parse: ${(e as Error).message}`);
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new KeyError(`${file}: a ${key.asymmetricKeyType ?? 'unknown'} key; kiln verifies profiles with ed25519 (openssl genpkey -algorithm ed25519)`);
    }
    const der = key.export({ format: 'der', type: 'spki' });
    if (der.length !== 44 || !der.subarray(0, 12).equals(ED25519_SPKI_PREFIX)) throw new KeyError(`${file}: unexpected ed25519 key encoding`);
    return der.subarray(12).toString('base64') + '\n';
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t)) {
    throw new KeyError(`${file}: expected an ed25519 public key as PEM (-----BEGIN PUBLIC KEY-----) or as base64 of its 32 raw bytes`);
  }
  const raw = Buffer.from(t, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== t) {
    throw new KeyError(`${file}: the base64 key decodes to ${raw.length} bytes; a raw ed25519 public key is 32`);
  }
  return raw.toString('base64') + '\n';
}
