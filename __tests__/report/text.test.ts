// The terminal report: what a person reads after `migration-gate check`.

import { renderText } from '../../src/report/text.js';
import { failingReport } from '../github/report-fixtures.js';

test('a skipped dry-run migration shows why under its line, not only in the count', () => {
  const out = renderText(failingReport());
  expect(out).toMatch(/Dry-run on \w+ \(PostgreSQL [^)]+\): .*1 skipped/);
  expect(out).toContain(
    '  - supabase/migrations/004_<img src=x onerror=alert(1)>@octocat.sql 0 ms\n      extension vector is not available on the pglite engine | <b>\n',
  );
});
