// Checksums as each runner computes them, so drift is judged the way the runner will judge it.

import { createHash } from 'node:crypto';
import { hexDigest } from './digest.js';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm } from '../history/history.js';
import { graphileHash, readSignature } from '../discover/graphile.js';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['sha256', 'flyway', 'prisma', 'sqlx', 'graphile', 'drizzle', 'sqitch'];

/** Flyway: CRC32 over each line's UTF-8 bytes, separators (\n, \r\n, \r) left out, a leading BOM dropped; signed 32-bit. */
export function flywayChecksum(bytes: Buffer): number {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let crc = 0;
  for (const line of text.split(/\r\n|\r|\n/)) crc = crc32(line, crc);
  return crc | 0;
}

/** The checksum of `bytes` in `algorithm`'s own representation (what that runner stores). */
export function checksum(algorithm: ChecksumAlgorithm, bytes: Buffer): string {
  switch (algorithm) {
    case 'sha256':
    case 'prisma':
      return hexDigest('sha256', bytes);
    case 'sqlx':
      return hexDigest('sha384', bytes);
    case 'flyway':
      return String(flywayChecksum(bytes));
    case 'graphile':
      return graphileChecksum(bytes);
    case 'drizzle':
      return hexDigest('sha256', Buffer.from(bytes.toString('utf8'), 'utf8'));
    case 'sqitch':
      return hexDigest('sha1', bytes);
  }
}

/**
 * Whether the runner takes `bytes` for the file it recorded as `recorded` (in its own representation, as
 * `checksum` gives it). Prisma also takes the file with its line endings converted either way, and the
 * unpadded hex an old schema engine stored (schema-connector/src/checksum.rs, script_matches_checksum);
 * a byte-order mark is part of the text to it. Other runners: the same value, hex in either case.
 */
export function checksumMatches(algorithm: ChecksumAlgorithm, recorded: string, bytes: Buffer): boolean {
  if (algorithm !== 'prisma') return recorded.toLowerCase() === checksum(algorithm, bytes).toLowerCase();
  const text = bytes.toString('utf8');
  return [bytes, Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8'), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')].some((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    const rendered = recorded !== '' && recorded.length !== 64 ? digest.reduce((hex, b) => hex + b.toString(16), '') : digest.toString('hex');
    return rendered === recorded;
  });
}

/**
 * graphile-migrate: the Hash header, which its history table records (a body that no longer matches it is
 * checksum-drift's own finding, or allowed by `--! AllowInvalidHash`); a file without headers hashes whole.
 */
function graphileChecksum(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  const read = readSignature(text);
  return 'signature' in read ? read.signature.hash : graphileHash(`${text.trim()}\n`, null);
}
