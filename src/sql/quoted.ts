// An identifier always double-quoted, for SQL the tool sends itself (scratch databases, history tables).

export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
