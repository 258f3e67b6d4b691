// diesel's metadata.toml beside a migration's up.sql: `run_in_transaction = false` keeps it out of the
// transaction diesel otherwise runs it in. Read as migrations_internals reads it: a file that parses but
// lacks the key gives serde's default for a bool, false; a missing or unparsable file gives diesel's own
// default, true (TomlMetadata::default via unwrap_or_default).

export const DIESEL_METADATA = 'metadata.toml';

/** Whether a listed path (inside a migration's folder, so never bare) is a metadata.toml. */
export function isDieselMetadata(path: string): boolean {
  return path.endsWith(`/${DIESEL_METADATA}`);
}

// A TOML line this reader takes for valid: blank, a comment, a [table] header or a key = value pair.
const TOML_LINE = /^\s*(?:#.*|\[[^\]]+\]\s*(?:#.*)?|[\w.-]+\s*=\s*\S.*)?$/;

/** Whether diesel runs the migration in a transaction, from its metadata.toml's text. */
export function dieselRunsInTransaction(text: string): boolean {
  const set = /^\s*run_in_transaction\s*=\s*(true|false)\s*(?:#.*)?$/m.exec(text);
  if (set) return set[1] === 'true';
  return !text.split(/\r?\n/).every((line) => TOML_LINE.test(line));
}
