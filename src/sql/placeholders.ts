// Templated migrations: placeholders such as ${schema} or {{ .Options }} are substituted before
// parsing, so a template is judged on its SQL rather than reported as a syntax error.

export const DEFAULT_PLACEHOLDER_PATTERNS = ['${name}', '{{ name }}'];

/** Compiles patterns such as "${name}" into one regex whose group 1 is the placeholder's name. */
export function placeholderRegex(patterns: string[]): RegExp | null {
  if (patterns.length === 0) return null;
  const alternatives = patterns.map((p) => {
    const [before, after] = p.split('name') as [string, string];
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*');
    return `${esc(before)}([.\\w-]+)${esc(after)}`;
  });
  return new RegExp(alternatives.join('|'), 'g');
}

/**
 * Replaces each placeholder with its configured value, or with an identifier of the same length
 * (so later columns stay where they were) when no value is configured.
 */
export function substitutePlaceholders(sql: string, regex: RegExp | null, values: Record<string, string>): string {
  if (!regex) return sql;
  return sql.replace(regex, (whole: string, ...groups: unknown[]) => {
    const name = groups.slice(0, -2).find((g): g is string => typeof g === 'string') ?? '';
    const bare = name.replace(/^\./, '');
    const value = values[name] ?? values[bare];
    if (value !== undefined) return value;
    return ('p' + '_'.repeat(whole.length)).slice(0, Math.max(1, whole.length));
  });
}
