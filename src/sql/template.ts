// A templated migration as parsed, and the way back to the file: offsets in the filled text to the
// file's own, and stand-in identifiers to the placeholders they stand for.

import { LineIndex, type Position } from './lines.js';
import { fillPlaceholders, type Fill } from './placeholders.js';

export class Template {
  /** The text the parser reads: the file's with its placeholders filled in. */
  readonly sql: string;
  private readonly fills: Fill[];
  private readonly placeholderOf = new Map<string, string>();
  private readonly standIns: RegExp | null;
  private lines: LineIndex | undefined;

  constructor(
    private readonly original: string,
    regex: RegExp | null,
    values: Record<string, string>,
    /** Lines of the file before this text (a dbmate or goose up section starts below its marker). */
    readonly lineOffset = 0,
    /** Whether `${NAME:-word}` takes its default, as goose's ENVSUB and the shell do. */
    shellDefaults = false,
    /** Where `${...}` is filled at all (goose's ENVSUB regions); everywhere when unset. */
    envsub?: Array<[number, number]>,
  ) {
    ({ sql: this.sql, fills: this.fills } = fillPlaceholders(original, regex, values, shellDefaults, envsub));
    for (const f of this.fills) if (f.kind === 'stand-in') this.placeholderOf.set(f.filled.toLowerCase(), f.text);
    const words = [...this.placeholderOf.keys()];
    // Whole identifiers only, case ignored: the parser folds `flyway_defaultSchema___` to lower case.
    this.standIns = words.length ? new RegExp(`(?<![\\w$])(?:${words.join('|')})(?![\\w$])`, 'gi') : null;
  }

  /** Where `offset` in the filled text is in the file; anywhere in a replacement is its placeholder's start. */
  originalOffset(offset: number): number {
    const f = this.lastFillFrom(offset);
    if (!f) return offset;
    const end = f.to + f.filled.length;
    return offset < end ? f.at : f.at + f.text.length + offset - end;
  }

  /** Where `offset` of the file's text (not inside a placeholder) is in the filled text. */
  filledOffset(offset: number): number {
    let shift = 0;
    for (const f of this.fills) {
      if (f.at + f.text.length > offset) break;
      shift = f.to + f.filled.length - (f.at + f.text.length);
    }
    return offset + shift;
  }

  /** originalOffset where the file has that very point; null inside a replacement, past its first character. */
  exactOffset(offset: number): number | null {
    const f = this.fillAt(offset, false);
    return f && offset > f.to ? null : this.originalOffset(offset);
  }

  /** The placeholders the file leaves without a value: a stand-in or blanks take their place. */
  get unfilled(): Fill[] {
    return this.fills.filter((f) => f.kind !== 'value');
  }

  /** The 1-based line (counted from the top of the file) and column in the file of `offset` in the filled text. */
  position(offset: number): Position {
    const p = this.fileLines.position(this.originalOffset(offset));
    return { line: p.line + this.lineOffset, column: p.column };
  }

  /** Where each line of the file's own text starts. */
  get fileLines(): LineIndex {
    return (this.lines ??= new LineIndex(this.original));
  }

  /** Whether a configured value fills any of [start, end] of the filled text: words read there are the value's, not the file's. */
  valueIn(start: number, end: number): boolean {
    return this.fills.some((f) => f.kind === 'value' && f.to <= end && f.to + f.filled.length >= start);
  }

  /** The fill whose replacement holds `offset`; with `adjacent`, also one that ends just before it, white space between. */
  fillAt(offset: number, adjacent: boolean): Fill | undefined {
    const f = this.lastFillFrom(offset);
    if (!f) return undefined;
    const end = f.to + f.filled.length;
    return offset < end || (adjacent && /^\s*$/.test(this.sql.slice(end, offset))) ? f : undefined;
  }

  /** `text` (a finding's words, quoted SQL) with each stand-in turned back into the placeholder as written. */
  restore(text: string): string {
    return this.standIns ? text.replace(this.standIns, (word) => this.placeholderOf.get(word.toLowerCase())!) : text;
  }

  /** The last fill that starts at or before `offset` in the filled text. */
  private lastFillFrom(offset: number): Fill | undefined {
    let lo = 0;
    let hi = this.fills.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fills[mid]!.to <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.fills[lo - 1] : undefined;
  }
}
