import { maskedUrl, redactUrl, secretRedactor } from '../src/redact.js';

test('any postgres URL in a text loses its password', () => {
  expect(redactUrl('failed: postgresql://app:s3cr%40t@db:5432/x and postgres://u:p@h/d')).toBe('failed: postgresql://app:***@db:5432/x and postgres://u:***@h/d');
});

test('a given URL is shown masked, and its password disappears wherever a message echoes it, raw or decoded', () => {
  const url = 'postgres://app:s3cr%40t@db.internal:5432/prod';
  const hide = secretRedactor(url);
  expect(maskedUrl(new URL(url))).toBe('postgres://app:***@db.internal:5432/prod');
  expect(hide(`cannot connect to ${url}`)).toBe('cannot connect to postgres://app:***@db.internal:5432/prod');
  expect(hide('password "s3cr@t" rejected; tried s3cr%40t')).toBe('password "***" rejected; tried ***');
});

test('an unparsable URL is replaced whole', () => {
  expect(secretRedactor('postgres://[broken')('at postgres://[broken now')).toBe('at (unparsable database URL) now');
});
