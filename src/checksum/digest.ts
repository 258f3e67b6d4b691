// Hex digests of whole inputs. Node's one-shot crypto.hash (20.12 and later) skips the Hash object and OpenSSL's
// algorithm lookup that createHash pays per call, which is most of the cost for a migration-sized file (1,600 files,
// a SHA-256 and a git blob id each: 29 → 15 ms); an older Node takes createHash.

import * as crypto from 'node:crypto';

export type DigestAlgorithm = 'sha1' | 'sha256' | 'sha384';

// Read off the namespace, not imported by name: a Node without it must load this module all the same.
const oneShot: typeof crypto.hash | undefined = crypto.hash;

export function hexDigest(algorithm: DigestAlgorithm, data: Uint8Array | string): string {
  return oneShot ? oneShot(algorithm, data, 'hex') : crypto.createHash(algorithm).update(data).digest('hex');
}

let scratch = new Uint8Array(0);

/** The digest of ASCII `prefix` then `bytes` as one input (a git object header and its content), copied into one reused buffer. */
export function prefixedHexDigest(algorithm: DigestAlgorithm, prefix: string, bytes: Uint8Array): string {
  const at = prefix.length;
  if (scratch.length < at + bytes.length) scratch = new Uint8Array(Math.max(at + bytes.length, 2 * scratch.length, 1 << 16));
  // Byte by byte and TypedArray#set: Buffer's write and copy cost more than the hash for a small file.
  for (let i = 0; i < at; i++) scratch[i] = prefix.charCodeAt(i);
  scratch.set(bytes, at);
  return hexDigest(algorithm, scratch.subarray(0, at + bytes.length));
}
