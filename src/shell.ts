// Commands the gate writes for a person to paste into a POSIX shell: each word quoted only when it needs it.

/** `s` as one shell word: bare when it holds only characters no shell reads specially, else in single quotes. */
export function shellQuote(s: string): string {
  return /^[\w./:@%+,=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
