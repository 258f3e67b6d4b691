// Turns a migration file's bytes into text, or says exactly why it cannot be read as SQL.

import { LineIndex } from '../sql/lines.js';

export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number; problem: string; fix: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSql(bytes: Buffer): Decoded {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const at = positionOfByte(bytes, nul);
    return { ok: false, ...at, problem: `contains a NUL byte (byte ${nul})`, fix: 'a migration must be a text file; remove the NUL bytes or the binary file' };
  }
  try {
    const text = utf8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    // Overlong forms and surrogates fail the decoder without failing this scan: point at the last byte then.
    const bad = Math.min(firstInvalidUtf8(bytes), bytes.length - 1);
    const at = positionOfByte(bytes, bad);
    return {
      ok: false,
      ...at,
      problem: `is not valid UTF-8 (byte ${bad}: 0x${bytes[bad]!.toString(16).padStart(2, '0')})`,
      fix: 'save the file as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)',
    };
  }
}

function positionOfByte(bytes: Buffer, offset: number): { line: number; column: number } {
  // Decode the valid prefix leniently: lines before a bad byte are still countable.
  const prefix = bytes.subarray(0, offset).toString('utf8');
  return new LineIndex(prefix).position(prefix.length);
}

function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const width = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (width === 0 || i + width > bytes.length) return i;
    for (let k = 1; k < width; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += width;
  }
  return bytes.length;
}
