/**
 * Rules for app secret volumes and the app's `secrets` (SV): the `secrets` feature of
 * the cluster, a volume's `secret` naming a key of `secrets` (not a secret-store
 * path), the ignored `mode`, and the entries of `secrets` themselves.
 */
import type { OffsetEdit } from '../edits';
import { isObject, keyNode, keyOf, prop, properties, str, type Node } from '../json';
import type { AppView } from '../model';
import { closest } from '../util/similar';
import { appNodeOfVolume, isConditional, volumeOf } from './appVolumes';
import { defineRule, type FixProposal, type Rule } from './types';

const FEATURE = 'secrets';

/** The app's secret volumes, except those whose keys are alternatives of a template. */
function secretVolumes(app: AppView, ctx: { doc: { template: boolean; text: string } }) {
  return app.volumes.filter((v) => v.kind === 'secret' && !isConditional(ctx.doc, v.node));
}

function secretsOf(appNode: Node): Node | undefined {
  const s = prop(appNode, 'secrets');
  return isObject(s) ? s : undefined;
}

// ---------------------------------------------------------------------------------------------
// SV-01, SV-04: the feature gate

export const secretsFeature = defineRule({
  meta: {
    id: 'secrets-feature',
    family: 'sv',
    severity: 'error',
    marathon: ['SV-01', 'SV-04'],
    title: 'Secrets need the "secrets" feature of the cluster',
    docs:
      "Secret volumes and an app's `secrets` need Marathon started with `--enable_features secrets` (DC/OS " +
      'Enterprise enables it). Without it Marathon rejects the app: `Feature secrets is not enabled`. Which ' +
      'features the cluster has is configured in `marathon.cluster.features`.',
    messages: {
      volume:
        'Secret volumes need Marathon\'s "secrets" feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects the app ("Feature secrets is not enabled").',
      secrets:
        'An app\'s "secrets" need Marathon\'s "secrets" feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects the app ("Feature secrets is not enabled").',
    },
  },
  app(app, ctx) {
    if (ctx.settings.cluster.features.some((f) => f.toLowerCase() === FEATURE)) return;
    const secrets = secretsOf(app.node);
    if (secrets && properties(secrets).length)
      ctx.report({ node: keyNode(app.node, 'secrets')!, message: 'secrets' });
    for (const v of secretVolumes(app, ctx)) {
      const k = keyNode(v.node, 'secret');
      if (k) ctx.report({ node: k, message: 'volume' });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// SV-02: the volume names a key of `secrets`

/** A key for a new `secrets` entry made from what the user wrote (`/db/password` → `password`). */
function keyFor(written: string, taken: Set<string>): string {
  const segments = written.split('/').filter(Boolean);
  const base = (segments[segments.length - 1] ?? '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'secret';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export const secretVolumeReference = defineRule({
  meta: {
    id: 'secret-volume-reference',
    family: 'sv',
    severity: 'error',
    marathon: ['SV-02'],
    title: 'A secret volume names a key of the app\'s "secrets"',
    docs:
      "The `secret` of a secret volume is the key of an entry of the app's `secrets`, whose `source` is the " +
      'path in the secret store: `"secrets": {"dbpass": {"source": "db/password"}}` and `"secret": "dbpass"`. ' +
      'Marathon rejects a volume whose `secret` is no such key (`volume.secret must refer to an existing ' +
      'secret`); writing the secret-store path there is the common mistake.',
    messages: {
      noSecrets:
        'This app has no "secrets", so the secret volume\'s "{value}" names nothing: Marathon rejects it ("volume.secret must refer to an existing secret"). Add an entry to "secrets" whose "source" is the path in the secret store.',
      unknown:
        '"{value}" is not a key of this app\'s "secrets" ({keys}): Marathon rejects the volume. "secret" names a key of "secrets", not a path in the secret store.',
      unknownSuggest:
        '"{value}" is not a key of this app\'s "secrets" (did you mean "{suggestion}"?): Marathon rejects the volume. "secret" names a key of "secrets", not a path in the secret store.',
      storePath:
        '"{value}" is the secret-store path of the secret "{suggestion}": a secret volume names the key of "secrets", "{suggestion}".',
    },
    fixes: {
      rename: 'Change to "{name}"',
      add: 'Add the secret "{name}" to "secrets" (source "{source}")',
    },
  },
  app(app, ctx) {
    const secrets = secretsOf(app.node);
    const entries = properties(secrets);
    const keys = entries.map((e) => e.key);
    for (const v of secretVolumes(app, ctx)) {
      const node = prop(v.node, 'secret');
      const value = str(node);
      if (!node || !value || keys.includes(value)) continue;
      const bySource = entries.find((e) => {
        const source = str(prop(e.value, 'source'));
        return source !== undefined && source.replace(/^\/+/, '') === value.replace(/^\/+/, '');
      });
      const suggestions = bySource ? [bySource.key] : closest(value, keys);
      const message = !entries.length
        ? 'noSecrets'
        : bySource
          ? 'storePath'
          : suggestions.length
            ? 'unknownSuggest'
            : 'unknown';
      ctx.report({
        node,
        message,
        args: { value, suggestion: suggestions[0], keys: keys.map((k) => `"${k}"`).join(', ') },
        data: { suggestions, exact: Boolean(bySource) },
      });
    }
  },
  fix(ctx) {
    const value = str(ctx.node);
    const volume = volumeOf(ctx.node);
    const appNode = volume && appNodeOfVolume(volume);
    if (value === undefined || !appNode) return [];
    const suggestions = (ctx.data.suggestions as string[] | undefined) ?? [];
    const out: FixProposal[] = suggestions.map((name, i) => ({
      title: 'rename',
      args: { name },
      edits: [ctx.edit.replaceValue(ctx.node, name)],
      isPreferred: i === 0,
      safe: i === 0 && (ctx.data.exact === true || suggestions.length === 1),
    }));
    const secrets = prop(appNode, 'secrets');
    if (secrets && !isObject(secrets)) return out;
    const taken = new Set(properties(secrets).map((p) => p.key));
    const name = value.includes('/') ? keyFor(value, taken) : value;
    const source = value.replace(/^\/+/, '');
    const entry = { source };
    const insert = secrets
      ? ctx.edit.setProperty(secrets, name, entry)
      : ctx.edit.setProperty(appNode, 'secrets', { [name]: entry }, { after: 'env' });
    out.push({
      title: 'add',
      args: { name, source },
      edits: name === value ? [insert] : [insert, ctx.edit.replaceValue(ctx.node, name)],
      isPreferred: !out.length && value.includes('/'),
    });
    return out;
  },
});

// ---------------------------------------------------------------------------------------------
// SV-03: mode on a secret volume

export const secretVolumeMode = defineRule({
  meta: {
    id: 'secret-volume-mode',
    family: 'sv',
    severity: 'hint',
    marathon: ['SV-03'],
    title: 'No "mode" on secret volumes',
    docs:
      'A secret volume is always mounted read-only; Marathon ignores a `mode` written on it, so `"mode": "RW"` ' +
      'does not make the file writable.',
    messages: {
      mode: 'Marathon ignores "mode" on a secret volume: the secret is always mounted read-only.',
    },
    fixes: { remove: 'Remove "mode"' },
  },
  app(app, ctx) {
    for (const v of secretVolumes(app, ctx)) {
      const k = keyNode(v.node, 'mode');
      if (k) ctx.report({ node: k, message: 'mode', tags: ['unnecessary'] });
    }
  },
  fix(ctx) {
    const volume = volumeOf(ctx.node);
    const remove = volume && ctx.edit.removeProperty(volume, 'mode');
    return remove ? [{ title: 'remove', edits: [remove], isPreferred: true, safe: true }] : [];
  },
});

// ---------------------------------------------------------------------------------------------
// SV-04: the entries of `secrets`

export const secretDefinition = defineRule({
  meta: {
    id: 'secret-definition',
    family: 'sv',
    severity: 'error',
    marathon: ['SV-04'],
    title: 'Each secret has a name and a secret-store path',
    docs:
      'Each entry of an app\'s `secrets` maps a name (used by secret volumes and `env`) to `{"source": ' +
      '"<path in the secret store>"}`. Marathon rejects an empty name and an empty `source` (`must not be empty`).',
    messages: {
      emptyKey:
        'Marathon rejects a secret with an empty name: give it a name, which secret volumes and "env" refer to.',
      emptySource:
        'The "source" of the secret "{name}" must not be empty: it is the path of the secret in the secret store, e.g. "db/password".',
    },
    fixes: {
      name: 'Name it "{name}", after its source',
      source: 'Use "{source}" (the secret "{name}" under the app\'s group in the secret store)',
    },
  },
  app(app, ctx) {
    for (const e of properties(secretsOf(app.node))) {
      if (e.key === '') ctx.report({ node: e.keyNode, message: 'emptyKey' });
      const source = prop(e.value, 'source');
      if (source && str(source) === '')
        ctx.report({ node: source, message: 'emptySource', args: { name: e.key } });
    }
  },
  fix(ctx) {
    // Guesses at what was meant, for the user to check (never safe): a name from the source's
    // last segment, or a source where DC/OS keeps the app's secrets (under its group's path).
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    const secrets = app ? secretsOf(app.node) : undefined;
    if (!app || !secrets) return [];
    const taken = new Set(properties(secrets).map((e) => e.key));
    const slug = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '-')
        .replace(/^-+|-+$/g, '');
    let edits: OffsetEdit[] = [];
    let proposal: FixProposal | undefined;
    if (ctx.message === 'emptyKey') {
      const entry = properties(secrets).find((e) => e.keyNode === ctx.node);
      const name = slug(str(prop(entry?.value, 'source'))?.split('/').filter(Boolean).pop() ?? '');
      if (!entry || !name || taken.has(name)) return [];
      edits = [ctx.edit.renameKey(ctx.node, name)];
      proposal = { title: 'name', args: { name }, edits, isPreferred: true };
    } else if (ctx.message === 'emptySource') {
      const name = keyOf(ctx.node.parent?.parent)?.value;
      const group = (app.absoluteId ?? '').split('/').filter(Boolean).slice(0, -1).join('/');
      if (typeof name !== 'string' || !name) return [];
      const source = group ? `${group}/${name}` : name;
      edits = [ctx.edit.replaceValue(ctx.node, source)];
      proposal = { title: 'source', args: { source, name }, edits, isPreferred: true };
    }
    return proposal && ctx.verify(edits) ? [proposal] : [];
  },
});

export const SV_RULES: Rule[] = [secretsFeature, secretVolumeReference, secretVolumeMode, secretDefinition];
