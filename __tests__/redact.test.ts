import { maskedUrl, redactUrl, secretRedactor, urlPasswords } from '../src/redact.js';
import { UrlEngine } from '../src/dryrun/url-engine.js';
import { summaryBody } from '../src/github/summary.js';
import { TEST_DATABASE_URL } from './support/postgres.js';

test('any postgres URL in a text loses its password', () => {
  expect(redactUrl('failed: postgresql://app:s3cr%40t@db:5432/x and postgres://u:p@h/d')).toBe('failed: postgresql://app:***@db:5432/x and postgres://u:***@h/d');
});

test('a password given as a query parameter (pg reads it there too) is masked in any text', () => {
  expect(redactUrl('at postgres://127.0.0.1:1/db?user=app&password=Sup3rSecret&sslmode=disable now')).toBe(
    'at postgres://127.0.0.1:1/db?user=app&password=***&sslmode=disable now',
  );
  expect(redactUrl('db postgresql://app@h/db?password=Sup3r:Secret')).toBe('db postgresql://app@h/db?password=***');
  // Already masked: the colon of the sentence stays.
  expect(redactUrl('database postgres://h/db?password=***: refused')).toBe('database postgres://h/db?password=***: refused');
});

test('a given URL is shown masked, and its password disappears wherever a message echoes it, raw or decoded', () => {
  const url = 'postgres://app:s3cr%40t@db.internal:5432/prod';
  const hide = secretRedactor(url);
  expect(maskedUrl(new URL(url))).toBe('postgres://app:***@db.internal:5432/prod');
  expect(hide(`cannot connect to ${url}`)).toBe('cannot connect to postgres://app:***@db.internal:5432/prod');
  expect(hide('password "s3cr@t" rejected; tried s3cr%40t')).toBe('password "***" rejected; tried ***');
});

test('a query-parameter password is a secret too: shown masked, and gone raw or decoded from any message', () => {
  const url = 'postgres://db.internal/prod?user=app&password=Sup3r%21+Secret';
  expect(urlPasswords(new URL(url))).toEqual(['Sup3r%21+Secret', 'Sup3r! Secret']);
  expect(maskedUrl(new URL(url))).toBe('postgres://db.internal/prod?user=app&password=***');
  const hide = secretRedactor(url);
  expect(hide(`to ${url}: password "Sup3r! Secret" rejected (Sup3r%21+Secret)`)).toBe(
    'to postgres://db.internal/prod?user=app&password=***: password "***" rejected (***)',
  );
});

test('a password with a stray % (not a valid escape) is a secret as written, and nothing throws', () => {
  const url = 'postgres://app:100%sure@127.0.0.1:5432/app';
  expect(urlPasswords(new URL(url))).toEqual(['100%sure']);
  expect(secretRedactor(url)(`login as app with 100%sure at ${url}`)).toBe('login as app with *** at postgres://app:***@127.0.0.1:5432/app');
});

test('an unparsable URL is replaced whole', () => {
  expect(secretRedactor('postgres://[broken')('at postgres://[broken now')).toBe('at (unparsable database URL) now');
});

describe('a dry-run server that refuses the connection', () => {
  const wrong = new URL(TEST_DATABASE_URL);
  wrong.password = '';
  const urls = [
    'postgresql://app@127.0.0.1:1/db?password=Sup3rSecret',
    'postgres://127.0.0.1:1/db?user=app&password=Sup3rSecret',
    `${wrong.toString()}?password=Sup3rSecret`,
  ];

  test.each(urls)('names %s without its password, in the error and in the job summary', async (url) => {
    const err = (await UrlEngine.start(url).catch((e) => e)) as Error;
    expect(err.message).toMatch(/^Cannot connect to the dry-run database postgres(ql)?:\/\/.*password=\*\*\*: /);
    // The summary escapes the message (& → &amp;, a word joiner after @): no mask registered for the raw URL matches there.
    const summary = summaryBody(null, err.message, {});
    expect(summary).toContain('password=\\*\\*\\*');
    expect(err.message + summary).not.toContain('Sup3rSecret');
  });

  test('a password with a stray % is a connect error that names the URL masked, not a crash', async () => {
    const url = new URL(TEST_DATABASE_URL);
    const err = (await UrlEngine.start(`postgres://nobody:100%sure@${url.host}/postgres`).catch((e) => e)) as Error;
    expect(err.message).toMatch(/^Cannot connect to the dry-run database postgres:\/\/nobody:\*\*\*@[^ ]+\/postgres: .*nobody/);
    expect(err.message).not.toContain('100%sure');
  });
});
