// The dry-run's platform: a drizzle (or Prisma, or any runner's) project on Supabase references auth.users and grants to
// anon like a Supabase CLI project does, and dry-runs on Supabase's model when told so; on a bare PostgreSQL such a file
// fails, and the failure says how to tell it.

import { runCliIn } from '../support/cli.js';
import { makeTree, removeTree } from '../support/repo.js';
import { drizzleFolder } from '../support/drizzle-folder.js';

const PROFILES =
  'CREATE TABLE "profiles" ("id" uuid PRIMARY KEY NOT NULL, "name" text);\n--> statement-breakpoint\n' +
  'ALTER TABLE "profiles" ADD CONSTRAINT "profiles_id_users_id_fk" FOREIGN KEY ("id") REFERENCES "auth"."users"("id") ON DELETE cascade;\n--> statement-breakpoint\n' +
  'GRANT SELECT ON "profiles" TO authenticated;\n';

const PROJECT = drizzleFolder({ '0000_profiles': PROFILES });

async function check(extra: string[], files: Record<string, string> = {}) {
  const root = makeTree({ ...PROJECT, ...files });
  try {
    return await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--all', '--engine', 'pglite', '--format', 'json', ...extra]);
  } finally {
    removeTree(root);
  }
}

describe('dry-run platform', () => {
  it('on a bare PostgreSQL a reference to auth.users fails, and the failure says to dry-run on Supabase\'s model', async () => {
    const run = await check([]);
    expect(run.code).toBe(1);
    const failed = run.report!.findings.filter((f) => f.rule === 'dry-run-failed');
    expect(failed.map((f) => [f.file, f.line])).toEqual([['drizzle/0000_profiles.sql', 3]]);
    expect(failed[0]!.suggestion).toContain(
      "schema auth is one of Supabase's own objects: if these migrations run on Supabase, dry-run them on its model with --platform supabase (`dry-run: platform: supabase` in .migration-gate.yml).",
    );
  });

  it('--platform supabase, or dry-run: platform: supabase in the config file, applies it on Supabase\'s model', async () => {
    for (const run of [await check(['--platform', 'supabase']), await check([], { '.migration-gate.yml': 'dry-run:\n  platform: supabase\n' })]) {
      expect(run.stderr).toBe('');
      expect(run.report!.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['drizzle/0000_profiles.sql', 'applied']]);
      expect(run.report!.findings.filter((f) => f.rule.startsWith('dry-run'))).toEqual([]);
    }
  });

  it('a platform it does not know is a usage error naming the choices', async () => {
    const flag = await check(['--platform', 'neon']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('platform must be one of postgres, supabase');
    const config = await check([], { '.migration-gate.yml': 'dry-run:\n  platform: neon\n' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('dry-run.platform');
  });
});
