/**
 * User settings (`marathon.*` in VS Code, `--config` in the CLI) and their defaults.
 * Cluster-dependent behaviour is configured here, never guessed in rules.
 */

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = SeverityName | 'off';

export interface ClusterSettings {
  /** Marathon `--enable_features`; DC/OS enables these by default. */
  features: string[];
  /** Marathon `--mesos_role`: the role given to apps without one. */
  defaultRole: string;
}

export interface LimitSettings {
  /** Above this many characters, schema validation and rules are skipped; an information says why. */
  maxDocumentSize: number;
  /** Above this nesting depth, the document is not analysed. */
  maxNestingDepth: number;
  /** At most this many files of the workspace are indexed for the cross-file rules. */
  maxIndexedFiles: number;
  /**
   * A document with a string (value or key) longer than this is checked for JSON syntax
   * only: schema checks and rules are off for it, and an information says why.
   */
  maxStringLength: number;
  /** At most this many diagnostics per document (the most severe first); an information counts the rest. */
  maxProblems: number;
}

export interface MarathonSettings {
  /** Globs of files always treated as Marathon definitions. */
  files: string[];
  /** Globs of files never treated as Marathon definitions (wins over everything). */
  exclude: string[];
  /** Recognise definitions by their content (id plus cmd/args/container, containers, apps...). */
  detectByContent: boolean;
  /** Per-rule severity override or `off`. */
  rules: Record<string, RuleSetting>;
  cluster: ClusterSettings;
  limits: LimitSettings;
}

export const DEFAULT_FILES = ['**/*.marathon.json', '**/marathon.json', '**/marathon/**/*.json'];

export const DEFAULT_SETTINGS: MarathonSettings = {
  files: DEFAULT_FILES,
  exclude: [],
  detectByContent: true,
  rules: {},
  cluster: {
    features: ['vips', 'task_killing', 'external_volumes', 'secrets', 'gpu_resources'],
    defaultRole: '*',
  },
  limits: {
    maxDocumentSize: 8 * 1024 * 1024,
    maxNestingDepth: 256,
    maxIndexedFiles: 50_000,
    maxStringLength: 256 * 1024,
    maxProblems: 1000,
  },
};

const SEVERITIES: RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];

/** Merges user-supplied settings (possibly malformed) over the defaults. */
export function resolveSettings(input: unknown): MarathonSettings {
  const s = (isRecord(input) ? input : {}) as Record<string, unknown>;
  const cluster = isRecord(s.cluster) ? s.cluster : {};
  const limits = isRecord(s.limits) ? s.limits : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(s.rules)) {
    for (const [id, v] of Object.entries(s.rules)) {
      const sev = typeof v === 'string' ? (v.toLowerCase() as RuleSetting) : v === false ? 'off' : undefined;
      if (sev && SEVERITIES.includes(sev)) rules[id] = sev;
    }
  }
  return {
    files: stringArray(s.files) ?? DEFAULT_SETTINGS.files,
    exclude: stringArray(s.exclude) ?? DEFAULT_SETTINGS.exclude,
    detectByContent:
      typeof s.detectByContent === 'boolean' ? s.detectByContent : DEFAULT_SETTINGS.detectByContent,
    rules,
    cluster: {
      features: stringArray(cluster.features) ?? DEFAULT_SETTINGS.cluster.features,
      defaultRole:
        typeof cluster.defaultRole === 'string' && cluster.defaultRole
          ? cluster.defaultRole
          : DEFAULT_SETTINGS.cluster.defaultRole,
    },
    limits: {
      maxDocumentSize: positive(limits.maxDocumentSize) ?? DEFAULT_SETTINGS.limits.maxDocumentSize,
      maxNestingDepth: positive(limits.maxNestingDepth) ?? DEFAULT_SETTINGS.limits.maxNestingDepth,
      maxIndexedFiles: positive(limits.maxIndexedFiles) ?? DEFAULT_SETTINGS.limits.maxIndexedFiles,
      maxStringLength: positive(limits.maxStringLength) ?? DEFAULT_SETTINGS.limits.maxStringLength,
      maxProblems: positive(limits.maxProblems) ?? DEFAULT_SETTINGS.limits.maxProblems,
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && v > 0 && Number.isFinite(v) ? v : undefined;
}
