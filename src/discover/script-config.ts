// Flyway script config files: `<migration>.sql.conf` beside a migration sets how Flyway runs that one
// file. Read as Flyway reads it (ConfigUtils.loadConfigurationFromString, then SqlScriptMetadata).

import { posix } from 'node:path';
import type { Draft } from '../report/finding.js';
import type { SourceFile } from './classify.js';

const SUFFIX = '.sql.conf';

/** The keys SqlScriptMetadata takes; it refuses any other ("Unknown configuration property"). */
const KNOWN_KEYS = ['executeInTransaction', 'encoding', 'placeholderReplacement', 'shouldExecute'];

export function isScriptConfig(path: string): boolean {
  return path.endsWith(SUFFIX);
}

/** The script config file Flyway looks for beside a migration. */
export function scriptConfigOf(migrationPath: string): string {
  return `${migrationPath}.conf`;
}

export interface ScriptConfig {
  /** executeInTransaction as the file sets it: null when it does not, or not to a value known here (refused, or filled in by Flyway). */
  executeInTransaction: boolean | null;
  /** What Flyway refuses in the file (it then runs none of the migration). */
  findings: Draft[];
}

interface Property {
  value: string;
  line: number;
}

/**
 * Java Properties over Flyway's lines: each trimmed as Java trims, `#`/`!` start a comment, the key ends at
 * the first `=`, `:` or blank, and the last setting of a key wins. Flyway doubles every backslash first, so none escapes.
 */
function properties(text: string): Map<string, Property> {
  const found = new Map<string, Property>();
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
    const key = /^[^=: \t\f]*/.exec(line)![0];
    const value = line.slice(key.length).replace(/^[ \t\f]*[=:]?[ \t\f]*/, '');
    found.set(key, { value, line: i + 1 });
  });
  return found;
}

/** Reads the script config of `migrationPath`, with a finding for each thing Flyway refuses in it. */
export function readScriptConfig(config: SourceFile, migrationPath: string): ScriptConfig {
  const file = posix.basename(config.path);
  const migration = posix.basename(migrationPath);
  const findings: Draft[] = [];
  const refuse = (line: number, message: string, suggestion: string) => findings.push({ rule: 'unreadable-file', file: config.path, line, column: 0, message, suggestion });
  if (config.problem) {
    refuse(0, config.problem.message, config.problem.fix);
    return { executeInTransaction: null, findings };
  }
  // Flyway's reader drops a byte order mark; bytes that are not UTF-8 become U+FFFD, as Java's decoder makes them.
  const props = properties((config.bytes ?? Buffer.alloc(0)).toString('utf8').replace(/^\uFEFF/, ''));
  for (const [key, { line }] of props) {
    if (KNOWN_KEYS.includes(key)) continue;
    refuse(
      line,
      `${file} sets ${key || 'an empty key'}, which Flyway does not know in a script config file: Flyway stops with "Unknown configuration property: ${key}" and runs none of ${migration}.`,
      `Keys are case-sensitive, and a script config file knows only ${KNOWN_KEYS.join(', ')}: fix the spelling, or remove the line.`,
    );
  }
  const setting = props.get('executeInTransaction');
  if (!setting || /^(true|false)$/i.test(setting.value)) {
    return { executeInTransaction: setting ? setting.value.toLowerCase() === 'true' : null, findings };
  }
  // An environment variable or placeholder that Flyway fills in when it runs: nothing to judge here.
  if (setting.value.includes('${')) return { executeInTransaction: null, findings };
  refuse(
    setting.line,
    `${file} sets executeInTransaction to "${setting.value}": Flyway accepts only true or false (in any case), stops with "Invalid value for executeInTransaction" and runs none of ${migration}.`,
    `Write executeInTransaction=false to run ${migration} outside a transaction, or remove the line to let Flyway decide.`,
  );
  return { executeInTransaction: null, findings };
}
