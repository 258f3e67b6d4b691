import { readFileSync } from 'node:fs';
import { validateConfig } from '../../src/config/config-file.js';
import { ENGINES, HISTORY_FORMATS, PRESETS } from '../../src/options.js';
import { RULE_IDS } from '../../src/report/finding.js';
import { SCHEME_IDS } from '../../src/discover/schemes.js';
import { CHECKSUM_ALGORITHMS } from '../../src/checksum/index.js';

const schema = JSON.parse(readFileSync('schema/config.schema.json', 'utf8'));
const props = schema.properties;

test('the published JSON Schema lists exactly the values the validator accepts', () => {
  expect(props.preset.enum).toEqual([...PRESETS]);
  expect(props.checksum.enum).toEqual([...CHECKSUM_ALGORITHMS]);
  expect(props.rules.propertyNames.enum).toEqual([...RULE_IDS]);
  expect(props['dry-run'].properties.engine.enum).toEqual([...ENGINES]);
  expect(props.history.properties.format.enum).toEqual([...HISTORY_FORMATS]);
  expect(props.folders.items.oneOf[1].properties.scheme.enum).toEqual([...SCHEME_IDS]);
  const pattern = new RegExp(props['placeholder-patterns'].items.pattern);
  expect(['${name}', '{{ index .Options "name" }}', ':name', ':NAME', 'name'].map((p) => pattern.test(p))).toEqual([true, true, true, true, false]);
});

test('the published JSON Schema refuses the cache values the validator refuses as YAML 1.1 booleans', () => {
  const folder = props.cache.oneOf[1];
  const refused = (value: string) => new RegExp(folder.not.pattern).test(value);
  expect(['yes', 'No', 'ON', 'off', 'y'].map(refused)).toEqual([true, true, true, true, true]);
  expect(['./yes', '.migration-gate-cache', 'yesterday'].map(refused)).toEqual([false, false, false]);
  for (const value of ['yes', 'No', 'ON', 'off', 'y']) expect(() => validateConfig({ cache: value }, 'x.yml')).toThrow('a YAML 1.1 boolean');
});

test('a config using every key of the schema is valid', () => {
  const full = {
    folders: ['db/migrations', { path: 'supabase/migrations', scheme: 'timestamp' }],
    preset: 'supabase',
    checksum: 'sha256',
    all: true,
    placeholders: { schema: 'public', shards: 4 },
    'placeholder-patterns': ['${name}'],
    rules: { 'non-idempotent': 'error', 'name-order': 'off' },
    'dry-run': { enabled: true, engine: 'pglite', 'search-path': 'public', roles: ['reporting', 'App Owner'], 'postgres-version': 15, 'statement-timeout-ms': 1000, 'lock-timeout-ms': 100 },
    history: { format: 'flyway', table: 'flyway_schema_history', write: false },
    apply: { 'lock-timeout-ms': 5000, 'statement-timeout-ms': 600000 },
    cache: '.cache/migration-gate',
  };
  expect(Object.keys(full).sort()).toEqual(Object.keys(props).sort());
  expect(validateConfig(full, 'x.yml')).toMatchObject({ folders: [{ path: 'db/migrations' }, { path: 'supabase/migrations', scheme: 'timestamp' }], placeholders: { shards: '4' } });
});

test.each([
  [{ foldrs: ['x'] }, 'config x.yml: foldrs is not a known key; known keys here: folders, preset'],
  [{ 'dry-run': { engin: 'url' } }, 'config x.yml: dry-run.engin is not a known key; known keys here: enabled, engine'],
  [{ preset: 'rails' }, 'config x.yml: preset must be one of: generic, supabase'],
  [{ rules: { 'non-idempotent': 'fatal' } }, 'config x.yml: rules.non-idempotent must be one of: error, warning, off (got "fatal")'],
  [{ folders: [] }, 'config x.yml: folders must be a non-empty list of folders'],
  [{ folders: [{ scheme: 'flyway' }] }, 'config x.yml: folders[0].path is required'],
  [{ 'dry-run': { 'postgres-version': 'fifteen' } }, 'config x.yml: dry-run.postgres-version must be a positive whole number'],
  [['a', 'b'], 'config x.yml: the file must be a mapping of keys to values'],
  [{ 'dry-run': { roles: 'reporting' } }, 'config x.yml: dry-run.roles must be a list of role names (at most 63 bytes; not pg_..., public or none), e.g. [readonly, app_owner]'],
  [{ 'dry-run': { roles: ['pg_monitor'] } }, 'config x.yml: dry-run.roles must be a list of role names'],
  [{ 'dry-run': { roles: ['x'.repeat(64)] } }, 'config x.yml: dry-run.roles must be a list of role names'],
  [{ cache: 12 }, 'config x.yml: cache must be true, false or a folder path (e.g. .migration-gate-cache)'],
  [{ cache: 'yes' }, 'config x.yml: cache is "yes", a YAML 1.1 boolean that YAML 1.2 reads as a folder name: write true or false, or a folder path (./yes for a folder of that name)'],
  [{ cache: 'Off' }, 'config x.yml: cache is "Off", a YAML 1.1 boolean'],
  [{ 'placeholder-patterns': ['name'] }, 'config x.yml: placeholder-patterns must be a list of patterns, each containing the word name (or NAME, for capitals only) inside its delimiters'],
])('a bad config names the key: %j', (config, message) => {
  expect(() => validateConfig(config, 'x.yml')).toThrow(message);
});
