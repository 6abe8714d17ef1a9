// Generates the standalone ajv validators for the bundles (called by scripts/build.mjs):
//   node --import tsx scripts/gen-validators.ts OUT.cjs
import fs from 'node:fs';
import standaloneCode from 'ajv/dist/standalone';
import { createAjv, linearErrors, VALIDATOR_REFS } from '../server/src/service/schema/ajv';

const out = process.argv[2];
if (!out) throw new Error('usage: gen-validators.ts OUT.cjs');
const ajv = createAjv({ code: { source: true } });
fs.writeFileSync(out, linearErrors(standaloneCode(ajv, { ...VALIDATOR_REFS })));
