// A separate deploy process for the apply tests: runs applyPending with the spec in MG_APPLY_SPEC
// and prints its log lines, then `RESULT <json>` (or `ERROR <message>`).

const { applyPending } = await import('../../src/deploy/apply.js');
const spec = JSON.parse(process.env.MG_APPLY_SPEC);
const migrations = spec.migrations.map((m) => ({ ...m, bytes: Buffer.from(m.sql) }));
try {
  const result = await applyPending(spec.options, migrations, { log: (line) => console.log(line) }, spec.settings ?? {});
  console.log(`RESULT ${JSON.stringify(result)}`);
} catch (e) {
  console.log(`ERROR ${e.message}`);
  process.exitCode = 2;
}
