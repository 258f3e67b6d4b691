import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from '../src/shell.js';
import { runCliIn } from './support/cli.js';
import { git, makeGitRepo, removeTree } from './support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

test('a plain word stays bare; anything a shell reads is single-quoted', () => {
  expect(shellQuote('db/migrations/001_a.sql')).toBe('db/migrations/001_a.sql');
  expect(shellQuote('origin/main')).toBe('origin/main');
  expect(shellQuote('db migrations/001_a.sql')).toBe("'db migrations/001_a.sql'");
  expect(shellQuote("it's/001_a.sql")).toBe("'it'\\''s/001_a.sql'");
  expect(shellQuote('$HOME;rm')).toBe("'$HOME;rm'");
});

// The git commands in the advice, pasted into a shell in the repository, do what they say.
test.each(['db migrations', "it's", 'a$b'])('the git commands of the advice for folder %p run as written', async (folder) => {
  const q = (name: string) => shellQuote(`${folder}/${name}`);
  const { root, baseSha } = makeGitRepo(
    {
      [`${folder}/001_init.sql`]: 'CREATE TABLE IF NOT EXISTS a (id int);\n',
      [`${folder}/002_b.sql`]: 'CREATE TABLE IF NOT EXISTS b (id int);\n',
      [`${folder}/003_c.sql`]: 'CREATE TABLE IF NOT EXISTS c (id int);\n',
    },
    {
      [`${folder}/001_start.sql`]: 'CREATE TABLE IF NOT EXISTS a (id int);\n',
      [`${folder}/002_b.sql`]: '-- edited\nCREATE TABLE IF NOT EXISTS b (id int);\n',
      [`${folder}/004_d.sql`]: 'CREATE TABLE IF NOT EXISTS d (id int);\n',
      [`${folder}/004_e.sql`]: 'CREATE TABLE IF NOT EXISTS e (id int);\n',
    },
    [`${folder}/001_init.sql`, `${folder}/003_c.sql`],
  );
  roots.push(root);
  const check = () => runCliIn(root, ['check', folder, '--base', baseSha, '--no-dry-run', '--format', 'json']);
  const { code, report } = await check();
  expect(code).toBe(1);
  const advice = (rule: string, file: string) => report!.findings.find((f) => f.rule === rule && f.file === `${folder}/${file}`)!.suggestion;
  const commands = [
    `git mv ${q('001_start.sql')} ${q('001_init.sql')}`,
    `git checkout ${baseSha} -- ${q('002_b.sql')}`,
    `git checkout ${baseSha} -- ${q('003_c.sql')}`,
    `git mv ${q('004_e.sql')} ${q('005_e.sql')}`,
  ];
  expect(advice('missing-migration', '001_start.sql')).toBe(`Keep the name it was applied under: \`${commands[0]}\`.`);
  expect(advice('checksum-drift', '002_b.sql')).toContain(`Revert the edit (\`${commands[1]}\`)`);
  expect(advice('missing-migration', '003_c.sql')).toContain(`Restore it (\`${commands[2]}\`)`);
  expect(advice('duplicate-version', '004_e.sql')).toBe(`Give 004_e.sql the next free version 005: ${commands[3]}`);

  for (const command of commands) execFileSync('sh', ['-c', command], { cwd: root, stdio: 'pipe' });
  expect(git(root, 'ls-files', '-z').split('\0').filter(Boolean)).toHaveLength(5);
  expect(['001_init.sql', '003_c.sql', '004_d.sql', '005_e.sql'].every((f) => existsSync(join(root, folder, f)))).toBe(true);
  expect(readFileSync(join(root, folder, '002_b.sql'), 'utf8')).toBe('CREATE TABLE IF NOT EXISTS b (id int);\n');
  // Advice followed, the gate has nothing left to say.
  expect((await check()).report!.findings).toEqual([]);
});
