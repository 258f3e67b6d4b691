import { crc32 } from 'node:zlib';
import { checksum, checksumMatches, flywayChecksum } from '../../src/checksum/index.js';

// flyway/flyway issue #2474: V1_1__add_column_location_history_valid_until.sql holds one line.
// Flyway 6.0.0 reported "Resolved locally: -1039259818"; the row "Applied to database: -1340212107"
// came from a Flyway that fed the whole file, newline included, to CRC32.
const FLYWAY_2474 = 'alter table location_history add column valid_until timestamp with time zone;\n';

describe('flyway checksum', () => {
  it('matches the value Flyway 6 printed for a published file', () => {
    expect(flywayChecksum(Buffer.from(FLYWAY_2474))).toBe(-1039259818);
    expect(checksum('flyway', Buffer.from(FLYWAY_2474))).toBe('-1039259818');
    // The older whole-bytes CRC32 is the other number in that issue: separators must be left out.
    expect(crc32(Buffer.from(FLYWAY_2474)) | 0).toBe(-1340212107);
  });

  it('ignores line endings (\\n, \\r\\n, \\r) and a BOM, not the text', () => {
    const lf = Buffer.from('create table a (id int);\nselect 1;\n');
    const crlf = Buffer.from('create table a (id int);\r\nselect 1;\r\n');
    const cr = Buffer.from('create table a (id int);\rselect 1;\r');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), crlf]);
    const sums = [lf, crlf, cr, bom].map((b) => checksum('flyway', b));
    expect(new Set(sums).size).toBe(1);
    expect(checksum('flyway', Buffer.from('create table a (id int);\nselect 2;\n'))).not.toBe(sums[0]);
  });

  it('is a signed 32-bit integer', () => {
    const values = ['a', 'b', 'select 1;', FLYWAY_2474].map((t) => flywayChecksum(Buffer.from(t)));
    for (const v of values) expect(v).toBe(v | 0);
    expect(values.some((v) => v < 0)).toBe(true);
  });
});

describe('digest checksums (FIPS 180-2 vectors for "abc")', () => {
  const abc = Buffer.from('abc');
  it('sha256 and prisma are SHA-256 hex of the exact bytes', () => {
    expect(checksum('sha256', abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(checksum('prisma', abc)).toBe(checksum('sha256', abc));
    expect(checksum('sha256', Buffer.from('abc\r\n'))).not.toBe(checksum('sha256', Buffer.from('abc\n')));
  });

  it('sqlx is SHA-384 hex', () => {
    expect(checksum('sqlx', abc)).toBe(
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    );
  });
});

// prisma-engines schema-connector/src/checksum.rs: script_matches_checksum and its own test cases.
describe('checksumMatches', () => {
  const prismaOf = (text: string) => checksum('prisma', Buffer.from(text));

  it('prisma: the recorded checksum of the file with LF or CRLF line endings, as its line_ending_agnostic test', () => {
    const pairs = [
      ['ab\ncd\nef\ngh\rab', 'ab\r\ncd\r\nef\r\ngh\rab'],
      ['ab\ncd\nef\ngh\rab\n', 'ab\r\ncd\r\nef\r\ngh\rab\r\n'],
    ];
    for (const pair of pairs) for (const a of pair) for (const b of pair) expect(checksumMatches('prisma', prismaOf(b), Buffer.from(a))).toBe(true);
  });

  it('prisma: not another text, not a trailing newline, not a byte-order mark', () => {
    expect(checksumMatches('prisma', prismaOf('abcd'), Buffer.from('abc'))).toBe(false);
    expect(checksumMatches('prisma', prismaOf('abc'), Buffer.from('abc\n'))).toBe(false);
    expect(checksumMatches('prisma', prismaOf('abc\n'), Buffer.from('\uFEFFabc\n'))).toBe(false);
  });

  it("prisma: an old engine's unpadded hex (prisma-engines#1887) is taken, the padded hex only at full length", () => {
    // SHA-256 of "abc" has bytes below 0x10 (0x01, 0x03, 0x0c ...), so the unpadded rendering is shorter.
    const unpadded = [...Buffer.from(prismaOf('abc'), 'hex')].map((b) => b.toString(16)).join('');
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches('prisma', unpadded, Buffer.from('abc'))).toBe(true);
    expect(checksumMatches('sha256', unpadded, Buffer.from('abc'))).toBe(false);
  });

  it('other runners: the same value, hex in either case; line endings count', () => {
    expect(checksumMatches('sqlx', checksum('sqlx', Buffer.from('abc')).toUpperCase(), Buffer.from('abc'))).toBe(true);
    expect(checksumMatches('sha256', checksum('sha256', Buffer.from('a\r\n')), Buffer.from('a\n'))).toBe(false);
  });
});
