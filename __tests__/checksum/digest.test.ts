import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { hexDigest, prefixedHexDigest } from '../../src/checksum/digest.js';

const gitBlobId = (bytes: Buffer) => execFileSync('git', ['hash-object', '--stdin'], { input: bytes }).toString().trim();
const blobId = (bytes: Buffer) => prefixedHexDigest('sha1', `blob ${bytes.length}\0`, bytes);

test('a git blob id is the one git computes, for a file larger than the reused buffer and for a smaller one after it', () => {
  const large = Buffer.from('insert into t values (1);\n'.repeat(5000));
  const small = Buffer.from('select 1;\n');
  expect(blobId(large)).toBe(gitBlobId(large));
  // The reused buffer still holds the large file's bytes past the small one's end: they must not count.
  expect(blobId(small)).toBe(gitBlobId(small));
  expect(blobId(Buffer.alloc(0))).toBe(gitBlobId(Buffer.alloc(0)));
});

test('a digest of bytes or text is the Hash object one, in every algorithm the gate uses', () => {
  const text = 'CREATE TABLE café (id int);\n';
  for (const algorithm of ['sha1', 'sha256', 'sha384'] as const) {
    expect(hexDigest(algorithm, text)).toBe(createHash(algorithm).update(text).digest('hex'));
    expect(hexDigest(algorithm, Buffer.from(text))).toBe(createHash(algorithm).update(text).digest('hex'));
  }
});
