// sqitch.plan read as Sqitch 1.3.1 reads it: the change IDs it records in sqitch.changes, the deploy script it picks
// for a reworked change, and its refusals in its own words with the line they name.

import { readPlan, type Plan, type PlanReading } from '../../src/discover/sqitch-plan.js';

const AT = '2020-01-01T00:00:00Z Ann <a@b.c>';
const HEADER = '%syntax-version=1.0.0\n%project=ids\n\n';
const noFiles = () => false;

function planOf(reading: PlanReading): Plan {
  if ('problem' in reading) throw new Error(`expected a plan, got: ${reading.problem}`);
  return reading.plan;
}

function problemOf(reading: PlanReading): { problem: string; line: number } {
  if (!('problem' in reading)) throw new Error('expected Sqitch to refuse the plan');
  return reading;
}

// Made with sqitch init/add/tag/rework, then %uri and widgets' `flipr:appschema` edited by hand.
const FLIPR = `%syntax-version=1.0.0
%project=flipr
%uri=HTTPS://Example.COM:443/flipr/

appschema 2026-11-23T08:44:27Z Ann <ann@example.com> # Add schema for all flipr objects.
users [appschema !legacy] 2026-11-23T08:44:28Z Ann <ann@example.com> # Crée la table des utilisateurs — naïve ü 日本
a/b [users] 2026-11-23T08:44:28Z Ann <ann@example.com> # Slash name
widgets [otherproj:thing flipr:appschema] 2026-11-23T08:44:28Z Ann <ann@example.com> # Widgets
@v1.0 2026-11-23T08:44:29Z Ann <ann@example.com> # Tag v1.0
users [users@v1.0] 2026-11-23T08:44:29Z Ann <ann@example.com> # Rework users
flips [users@v1.0 @v1.0 !legacy2] 2026-11-23T08:44:32Z Ann <ann@example.com> # Flips
@v2.0 2026-11-23T08:44:33Z Ann <ann@example.com> # v2

x/y/z 2026-11-23T08:44:33Z Ann <ann@example.com> # deep
lonely 2026-11-23T08:44:33Z Ann <ann@example.com># 0
legacy 2026-11-23T08:44:42Z Ann <ann@example.com> # Legacy
legacy2 2026-11-23T08:44:42Z Ann <ann@example.com> # Legacy 2
`;

// What `sqitch deploy` (1.3.1) recorded in sqitch.changes.change_id for FLIPR, in order.
const FLIPR_IDS = [
  ['appschema', 'c05ff430f8e74d5cdd7d2464ba3b8e18682caa05'],
  ['users', '4c387257e0d52bb88d60b91cf7a8c09eaa621b27'],
  ['a/b', '76bde48ae32e3be7390ae4d7b029041a5409dfb1'],
  ['widgets', '58c36b26dbb58f7ae4d494a8a81cab44ab989f7a'],
  ['users', 'c57df1b619aa8444785fa651880ab82e106a64a5'],
  ['flips', 'e3af83ef9bd81f1930fd1d19bca947f26c388a77'],
  ['x/y/z', '053120441deb1ed50d22096550d07a414ebf94de'],
  ['lonely', '648152cd0faa77937b89bb4d9792c3baca2794c9'],
  ['legacy', 'a34b96465decfcb5a6747f899f08d0e1894be4b8'],
  ['legacy2', '02afe671d03e7d8fc2fff8550ff49be34c695aca'],
];

// What that `sqitch deploy` recorded in sqitch.tags.tag_id: @v1.0 (on widgets), then @v2.0 (on flips).
const FLIPR_TAG_IDS = ['553d8aadf2d77e1e9dccb08919ceadfed93a2445', '35dcf91bc3f075be0f98fa6ab5b5d74a7185bcdd'];

const fliprFiles = (path: string) => ['users@v1.0.sql', 'users.sql', 'a/b.sql'].includes(path);

describe('readPlan change IDs', () => {
  it('computes the IDs sqitch deploy recorded: no parent, requires, conflicts, other projects, tags, rework, %uri, non-ASCII and `0` notes', () => {
    const plan = planOf(readPlan(FLIPR, fliprFiles));
    expect(plan.changes.map((c) => [c.name, c.id])).toEqual(FLIPR_IDS);
    expect(plan).toMatchObject({ project: 'flipr', uri: 'https://example.com/flipr/' });
    expect(plan.changes[3]).toMatchObject({ line: 8, index: 3, requires: ['otherproj:thing', 'appschema'], conflicts: [] });
    expect(plan.changes[5]).toMatchObject({ requires: ['users@v1.0', '@v1.0'], conflicts: ['legacy2'] });
    expect(plan.changes[1]!.note).toBe('Crée la table des utilisateurs — naïve ü 日本');
    expect(plan.changes.map((c) => c.script)).toEqual(['appschema', 'users@v1.0', 'a/b', 'widgets', 'users', 'flips', 'x/y/z', 'lonely', 'legacy', 'legacy2']);
  });

  it('gives a CRLF plan the same IDs as the LF one', () => {
    const plan = planOf(readPlan(FLIPR.replace(/\n/g, '\r\n'), fliprFiles));
    expect(plan.changes.map((c) => [c.name, c.id])).toEqual(FLIPR_IDS);
    expect(plan.changes.flatMap((c) => c.tags.map((t) => t.id))).toEqual(FLIPR_TAG_IDS);
  });

  it('computes the tag IDs sqitch deploy recorded in sqitch.tags, with each tag line\'s own planner, time and note', () => {
    const plan = planOf(readPlan(FLIPR, fliprFiles));
    const tagged = plan.changes.filter((c) => c.tags.length).map((c) => [c.name, c.id, c.tags]);
    expect(tagged).toEqual([
      ['widgets', FLIPR_IDS[3]![1], [{ name: 'v1.0', id: FLIPR_TAG_IDS[0], note: 'Tag v1.0', plannerName: 'Ann', plannerEmail: 'ann@example.com', plannedAt: '2026-11-23T08:44:29Z' }]],
      ['flips', FLIPR_IDS[5]![1], [{ name: 'v2.0', id: FLIPR_TAG_IDS[1], note: 'v2', plannerName: 'Ann', plannerEmail: 'ann@example.com', plannedAt: '2026-11-23T08:44:33Z' }]],
    ]);
    // Two tags on one change, no %uri, one with no note and another planner, one with a non-ASCII note (sqitch 1.3.1 deploy's tag_id).
    const two = planOf(readPlan(`${HEADER}a ${AT}\n@t1 2020-01-02T00:00:00Z Bob <b@b.c>\n@t2 2020-01-03T00:00:00Z Ann <a@b.c> # Étiquette\n`, noFiles));
    expect(two.changes[0]!.id).toBe('47237e8ab614df5485797ecfa822901933c064d5');
    expect(two.changes[0]!.tags.map((t) => [t.name, t.id, t.note, t.plannerName])).toEqual([
      ['t1', 'ec60abcd14a7f2ff5f65710149d07b91f6744f1f', '', 'Bob'],
      ['t2', 'e703dbd54316437721e48caf89b6c9c20fd99a78', 'Étiquette', 'Ann'],
    ]);
  });

  it('unescapes and trims notes as Sqitch does (IDs printed by sqitch 1.3.1 `sqitch plan --format raw`)', () => {
    const text = `${HEADER}a ${AT} # line one\\nline two \\\\ back\\r  \nb ${AT} #    spaced   \t\nc ${AT} # 0\nd ${AT}#\ne ${AT} # x\\\\n\n`;
    const plan = planOf(readPlan(text, noFiles));
    expect(plan.changes.map((c) => c.note)).toEqual(['line one\nline two \\ back\r', 'spaced', '0', '', 'x\\n']);
    expect(plan.changes.map((c) => c.id)).toEqual([
      'f7bf933ca740d78c428710181c351c25546d1ce0',
      '091db4f0568786b3300a6b434664c508c15b296b',
      'c673b180e35150ddd92a4b09572a51f2a04a2bca',
      '793a4e2b623c6fca96a7062f172da2b51b8773f3',
      '134c8c7762cb1fc4682a9d09c6d1740295bd0a56',
    ]);
  });

  it('hashes the %uri in its canonical form (ID printed by sqitch 1.3.1 `sqitch plan --format raw`)', () => {
    const plan = planOf(readPlan(`%syntax-version=1.0.0\n%project=ids\n%uri=HTTPS://GitHub.COM:443\n\na ${AT}\n`, noFiles));
    expect(plan.uri).toBe('https://github.com/');
    expect(plan.changes[0]!.id).toBe('b32468a5a727b2ef09342b06bf52d40c50b8b8b4');
  });
});

describe('readPlan reworked changes', () => {
  const REWORKED = `%syntax-version=1.0.0\n%project=rw\n\nu ${AT}\n@v1 ${AT}\nx ${AT}\n@v2 ${AT}\n@v2b ${AT}\nu [u@v1] ${AT}\n`;

  it('runs the first of the rework tags whose file exists, latest tag first (sqitch deploy ran deploy/u@v1.sql)', () => {
    const plan = planOf(readPlan(REWORKED, (path) => path === 'u@v1.sql' || path === 'u.sql' || path === 'x.sql'));
    // The IDs and the script sqitch.changes recorded (its script_hash was deploy/u@v1.sql's SHA-1).
    expect(plan.changes.map((c) => [c.id, c.script])).toEqual([
      ['c7c35d68fdd8b1a37616341109604ac98c248bb3', 'u@v1'],
      ['35178c286089116c5ffa1111cc4941af489e092b', 'x'],
      ['db9b3d283681dd2ab1777870b2ef73cb8e67f07f', 'u'],
    ]);
    expect(planOf(readPlan(REWORKED, (path) => path === 'u@v1.sql' || path === 'u@v2b.sql')).changes[0]!.script).toBe('u@v2b');
  });

  it('names the latest tag when no tagged file exists, keeping a slashed name in its folder', () => {
    expect(planOf(readPlan(REWORKED, noFiles)).changes[0]!.script).toBe('u@v2');
    const slashed = planOf(readPlan(`${HEADER}a/b/c ${AT}\n@v1 ${AT}\na/b/c [a/b/c@v1] ${AT}\n`, noFiles));
    expect(slashed.changes.map((c) => c.script)).toEqual(['a/b/c@v1', 'a/b/c']);
  });
});

describe('readPlan refusals, in Sqitch 1.3.1 words', () => {
  const syntax = (line: number, error: string) => ({ problem: `Syntax error in sqitch.plan at line ${line}: ${error}`, line });

  it.each([
    ['a change without its timestamp', `${HEADER}foo Ann <a@b.c>\n`, syntax(4, 'Missing timestamp')],
    ['a change without its planner', `${HEADER}foo 2020-01-01T00:00:00Z\n`, syntax(4, 'Missing planner name and email')],
    ['a change twice since the last tag', `${HEADER}foo ${AT}\nbar ${AT}\nfoo ${AT}\n`, syntax(6, 'Change "foo" duplicates earlier declaration on line 4')],
    ['a tag twice', `${HEADER}foo ${AT}\n@v1 ${AT}\nbar ${AT}\n@v1 ${AT}\n`, syntax(7, 'Tag "v1" duplicates earlier declaration on line 5')],
    ['a reserved name', `${HEADER}foo ${AT}\n@ROOT ${AT}\n`, syntax(5, '"@ROOT" is a reserved name')],
    ['a duplicate dependency', `${HEADER}bar ${AT}\nfoo [bar bar] ${AT}\n`, syntax(5, 'Duplicate dependency "bar"')],
    ['a bad dependency', `${HEADER}foo [a:b:c] ${AT}\n`, syntax(4, '"a:b:c" is not a valid dependency specification')],
    ['no blank line after the pragmas', `%project=ids\nfoo ${AT}\n`, syntax(2, 'Invalid pragma; a blank line must come between pragmas and changes')],
    ['no %project', `%syntax-version=1.0.0\n\nfoo ${AT}\n`, { problem: 'Missing %project pragma in sqitch.plan', line: 1 }],
    [
      'a name ending in punctuation',
      `${HEADER}foo: ${AT}\n`,
      syntax(4, 'Invalid name; names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation'),
    ],
  ])('refuses %s', (_, text, refusal) => {
    expect(readPlan(text, noFiles)).toEqual(refusal);
  });

  it('tells how far down to move a change that requires a later one, at its line', () => {
    expect(readPlan(`${HEADER}a [c b] ${AT}\nb ${AT}\nc ${AT}\n`, noFiles)).toEqual({
      problem:
        'Dependency errors detected:\n' +
        '  Change "a" planned 2 changes before required change "c"\n' +
        '  Change "a" planned 1 change before required change "b"\n' +
        '    HINT: move "a" down 2 lines in sqitch.plan',
      line: 4,
    });
  });

  it('refuses a change@tag required after that change was reworked, as Sqitch does', () => {
    const text = `${HEADER}users ${AT}\n@v1 ${AT}\nusers [users@v1] ${AT}\n@v2 ${AT}\nfoo [users@v1] ${AT}\n`;
    expect(readPlan(text, noFiles)).toEqual({ problem: 'Dependency error detected:\n  Unknown change "users@v1" required by change "foo"', line: 8 });
  });

  it('says a plan left with git merge-conflict markers is one, at the first marker', () => {
    const text = `${HEADER}base ${AT}\n<<<<<<< HEAD\nours ${AT}\n=======\ntheirs ${AT}\n>>>>>>> feature\n`;
    const { problem, line } = problemOf(readPlan(text, noFiles));
    expect(line).toBe(5);
    expect(problem).toMatch(/^Syntax error in sqitch\.plan at line 5: Invalid name; /);
    expect(problem).toContain('Line 5 is a git merge-conflict marker (<<<<<<< HEAD)');
  });

  it('refuses a dependency by bare change ID, on which Sqitch recurses without end', () => {
    const id = '0123456789abcdef0123456789abcdef01234567';
    const { problem, line } = problemOf(readPlan(`${HEADER}a ${AT}\nb [${id}] ${AT}\n`, noFiles));
    expect(line).toBe(5);
    expect(problem).toContain(`Change "b" depends on "${id}", a change ID without its project`);
  });
});
