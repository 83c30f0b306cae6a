// Check 1: every dashboard in grafana/dashboards validates against a JSON schema generated from the Dashboard type
// of the pinned @grafana/schema package, and every fixture in checks/fixtures/schema-invalid must fail that validation.
// Usage: node checks/validate-dashboards.mjs [schema-output-file]. Exit 0 when all pass, 1 otherwise.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaFile = process.argv[2] ?? join(root, 'target', 'dashboard.schema.json');
const grafanaSchemaVersion = createRequire(import.meta.url)('@grafana/schema/package.json').version;

// expose 'none' inlines every type instead of naming it under "definitions": @grafana/schema exports two different
// types called DataSourceRef (common and raw dashboard), which the generator cannot put under one name.
const schema = createGenerator({
  path: join(root, 'checks', 'dashboard-type.ts'),
  tsconfig: join(root, 'checks', 'tsconfig.json'),
  type: 'Dashboard',
  expose: 'none',
  skipTypeCheck: true,
}).createSchema('Dashboard');
mkdirSync(dirname(schemaFile), { recursive: true });
writeFileSync(schemaFile, JSON.stringify(schema, null, 2));

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function jsonFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

function check(file) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  if (validate(dashboard)) {
    return [];
  }
  return validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty
    ? ` (${e.params.additionalProperty})` : ''}`);
}

let failed = false;
console.log(`dashboard schema from @grafana/schema ${grafanaSchemaVersion} written to ${relative(root, schemaFile)}`);
for (const file of jsonFiles(join(root, 'grafana', 'dashboards'))) {
  const errors = check(file);
  console.log(`${errors.length ? 'INVALID' : 'valid  '} ${relative(root, file)}`);
  errors.forEach((e) => console.log(`    ${e}`));
  failed ||= errors.length > 0;
}
for (const file of jsonFiles(join(root, 'checks', 'fixtures', 'schema-invalid'))) {
  const errors = check(file);
  console.log(`${errors.length ? 'rejected as expected' : 'ACCEPTED (must be rejected)'} ${relative(root, file)}`);
  errors.forEach((e) => console.log(`    ${e}`));
  failed ||= errors.length === 0;
}
process.exit(failed ? 1 : 0);
