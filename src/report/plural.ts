// "1 error", "2 errors": counts in words, the same in every renderer.

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
