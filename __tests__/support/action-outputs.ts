// Reads what an Action step wrote to its GITHUB_OUTPUT file, as the runner would.

/** The GITHUB_OUTPUT file format: `name<<delimiter`, the value lines, `delimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i]!.match(/^([\w-]+)<<(.+)$/);
    if (!m) continue;
    const value: string[] = [];
    while (lines[++i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
