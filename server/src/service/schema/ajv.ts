/**
 * The one ajv configuration of the product, used both to compile the schemas at run
 * time (tests, development) and to generate the standalone validators bundled into
 * the server and the CLI (`scripts/gen-validators.ts`), so both behave the same.
 */
import Ajv, { _ } from 'ajv';
import { SCHEMAS } from './schemas';

/** The validators, by unit kind: a group is validated for its own fields only. */
export const VALIDATOR_REFS = {
  app: 'app.schema.json',
  pod: 'pod.schema.json',
  group: 'group.schema.json#/definitions/GroupShell',
} as const;

/**
 * ajv's generated code gathers the errors of a referenced schema with
 * `vErrors = vErrors === null ? f.errors : vErrors.concat(f.errors)`, which copies all the
 * errors so far on every call: with allErrors, an object of 20,000 wrong values took
 * half a minute. This appends in place instead (linear), in run-time compiled and in
 * standalone code alike.
 */
export function linearErrors(code: string): string {
  return code.replace(
    /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\)/g,
    'vErrors = vErrors === null ? $1.errors : (function (a, b) { for (let i = 0; i < b.length; i++) a.push(b[i]); return a; })(vErrors, $1.errors)',
  );
}

export function createAjv(options: { code?: { source: boolean } } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    validateSchema: false,
    ...options,
    code: { ...options.code, process: linearErrors },
  });
  // A deprecated field is reported (as a hint) wherever its schema carries a deprecation message.
  ajv.addKeyword({
    keyword: 'deprecationMessage',
    schemaType: 'string',
    code(cxt) {
      cxt.fail(_`true`);
    },
  });
  for (const [id, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema, id);
  return ajv;
}
