// The README is the user's manual: it must list every rule with its real default, every Action input,
// and exactly the two set-up commands CI runs.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { RULE_IDS } from '../src/report/finding.js';
import { defaultSeverity } from '../src/rules/index.js';

const readme = readFileSync('README.md', 'utf8');

test('every rule is documented with its default severity', () => {
  for (const id of RULE_IDS) expect(readme).toContain(`| \`${id}\` | ${defaultSeverity(id)} |`);
});

test('every Action input and output is documented', () => {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: object; outputs: object };
  for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`\`${name}\``);
});

test('the quick start has exactly two commands, and .ci/run runs the second', () => {
  const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
  const commands = [...quick.matchAll(/```sh\n([^`]+?)\n```/g)].map((m) => m[1]);
  expect(commands).toHaveLength(2);
  expect(commands[1]).toBe('npm test');
  expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m);
});
