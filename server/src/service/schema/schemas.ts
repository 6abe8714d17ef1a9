/**
 * The bundled schemas (`schemas/*.schema.json`): the single source of field facts.
 * esbuild inlines them; nothing is ever fetched.
 */
import appSchema from '../../../../schemas/app.schema.json';
import commonSchema from '../../../../schemas/common.schema.json';
import groupSchema from '../../../../schemas/group.schema.json';
import podSchema from '../../../../schemas/pod.schema.json';

export type JsonSchema = Record<string, any>;

export const SCHEMAS: Record<string, JsonSchema> = {
  'common.schema.json': commonSchema,
  'app.schema.json': appSchema,
  'pod.schema.json': podSchema,
  'group.schema.json': groupSchema,
};

/** Resolves a `$ref` (`app.schema.json#/definitions/X`, `#/definitions/X`) relative to `base`. */
export function resolveRef(ref: string, base: string): { schema: JsonSchema | undefined; base: string } {
  const [file, fragment = ''] = ref.split('#');
  const fileId = file || base;
  let cur: any = SCHEMAS[fileId];
  for (const seg of fragment.split('/').filter(Boolean)) {
    cur = cur?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return { schema: cur, base: fileId };
}
