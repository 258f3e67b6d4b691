// In a pull request graphile-migrate's current migration is new or changed by the text `watch` runs, its `--!include`s
// expanded: the base's current.sql (or current/) and fixtures are read from git objects and compared with the working tree's.

import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { git, makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import { commit } from '../support/graphile.js';
import type { Report } from '../../src/report/report.js';

const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);
const idempotent = 'CREATE TABLE IF NOT EXISTS pets (id int);\n';
const rerunFails = 'CREATE TABLE pets (id int);\n';

async function gate(root: string, base: string): Promise<Report> {
  return runGate(await resolveOptions({ root, base, preset: 'graphile-migrate', paths: ['migrations/committed'], engine: 'pglite' }));
}

/** The pull request `head` on top of `base`, gated against the base. */
async function pr(base: Tree, head: Tree): Promise<Report> {
  const { root, baseSha } = makeGitRepo({ 'migrations/committed/000001.sql': first.text, ...base }, head);
  try {
    return await gate(root, baseSha);
  } finally {
    removeTree(root);
  }
}

const said = (report: Report) => report.findings.map((f) => [f.rule, f.severity, f.file]);
const change = (report: Report) => report.migrations.find((m) => m.status === 'current')!.change;
const INHERITED = /^Already on [0-9a-f]+ before this pull request, so it does not fail it: /;

describe.each([
  ['current.sql', { 'migrations/current.sql': 'SELECT 1;\n--!include pets.sql\n' }],
  ['current/', { 'migrations/current/1-start.sql': 'SELECT 1;\n', 'migrations/current/2-pets.sql': '--!include pets.sql\n' }],
] as const)('%s that includes a fixture', (_, current) => {
  test('is changed by a pull request that changes only that fixture: its new problem is linted and fails it', async () => {
    const report = await pr({ ...current, 'migrations/fixtures/pets.sql': idempotent }, { 'migrations/fixtures/pets.sql': rerunFails });
    expect(change(report)).toBe('modified');
    expect(said(report)).toEqual([['non-idempotent', 'error', 'migrations/fixtures/pets.sql']]);
    expect(report.findings[0]!.message).toMatch(/The dry-run confirmed it\. \(migrations\/fixtures\/pets\.sql is included by the `--!include` at migrations\/current/);
    expect(report.verdict).toBe('fail');
  });

  test('is unchanged by a change to a fixture it does not include: a failure the base has is a warning that says so', async () => {
    const report = await pr(
      { ...current, 'migrations/fixtures/pets.sql': rerunFails, 'migrations/fixtures/toys.sql': 'SELECT 2;\n' },
      { 'migrations/fixtures/toys.sql': 'SELECT 3;\n' },
    );
    expect(change(report)).toBe('unchanged');
    expect(said(report)).toEqual([['not-rerunnable', 'warning', 'migrations/fixtures/pets.sql']]);
    expect(report.findings[0]!.message).toMatch(INHERITED);
    expect(report.verdict).toBe('pass');
  });

  test('is new where the base lacks the fixture it includes (graphile-migrate refused it there, and ran none of it)', async () => {
    const report = await pr(current, { 'migrations/fixtures/pets.sql': rerunFails });
    expect(change(report)).toBe('added');
    expect(said(report)).toEqual([['non-idempotent', 'error', 'migrations/fixtures/pets.sql']]);
    expect(report.verdict).toBe('fail');
  });
});

test('a fixture included through a link at the base is the file the link leads to there', async () => {
  const root = makeTree({ 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': '--!include pets.sql\n', 'migrations/fixtures/shared/pets.sql': rerunFails });
  try {
    symlinkSync('shared/pets.sql', join(root, 'migrations/fixtures/pets.sql'));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'base');
    const base = git(root, 'rev-parse', 'HEAD').trim();
    const unchanged = await gate(root, base);
    expect([change(unchanged), said(unchanged)]).toEqual(['unchanged', [['not-rerunnable', 'warning', 'migrations/fixtures/shared/pets.sql']]]);
    // Changed in the working tree, not yet committed: the link's target differs from the base's.
    makeTree({ 'migrations/fixtures/shared/pets.sql': `${rerunFails}SELECT 1;\n` }, root);
    const changed = await gate(root, base);
    expect([change(changed), said(changed)]).toEqual(['modified', [['non-idempotent', 'error', 'migrations/fixtures/shared/pets.sql']]]);
  } finally {
    removeTree(root);
  }
});
