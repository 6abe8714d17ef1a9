/** Run-time compilation of the schemas (in bundles, the generated standalone validators replace this module). */
import type { ValidateFunction } from 'ajv';
import { createAjv, VALIDATOR_REFS } from './ajv';

export function compileValidators(): Record<keyof typeof VALIDATOR_REFS, ValidateFunction> {
  const ajv = createAjv();
  return {
    app: ajv.getSchema(VALIDATOR_REFS.app)!,
    pod: ajv.getSchema(VALIDATOR_REFS.pod)!,
    group: ajv.getSchema(VALIDATOR_REFS.group)!,
  };
}
