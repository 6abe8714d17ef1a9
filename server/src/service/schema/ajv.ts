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

export function createAjv(options: { code?: { source: boolean } } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, ...options });
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
