/**
 * marathon-lint, in process (`main()`) and as the built program (`dist/cli.js`, or the
 * file named by MARATHON_CLI, e.g. a private build) in a child process: output formats
 * (stylish, json, SARIF 2.1.0), exit codes, languages, folder search, --fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../server/src/cli';
import { ROOT, SERVER } from './lsp';

/** The built CLI: MARATHON_CLI, else beside MARATHON_SERVER, else dist/cli.js. */
const CLI = process.env.MARATHON_CLI
  ? path.resolve(process.env.MARATHON_CLI)
  : process.env.MARATHON_SERVER
    ? path.join(path.dirname(SERVER), 'cli.js')
    : path.join(ROOT, 'dist', 'cli.js');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** main() in this process. */
async function inProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } },
    { ...env },
  );
  return { code, out, err };
}

/** The built program in a child process. */
function child(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const RUNNERS = {
  'main()': inProcess,
  'dist/cli.js': async (a: string[], e?: NodeJS.ProcessEnv) => child(a, e),
};

let dir: string;
const file = (name: string) => path.join(dir, name);

const VALID = { id: '/web', cmd: 'python3 -m http.server $PORT0', cpus: 0.1, mem: 64, instances: 1 };
const INVALID = { id: '/api', cmd: 'run', instances: '2' };

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-lint-'));
  fs.mkdirSync(file('apps/nested'), { recursive: true });
  fs.mkdirSync(file('apps/node_modules/pkg'), { recursive: true });
  fs.writeFileSync(file('valid.json'), JSON.stringify(VALID, null, 2) + '\n');
  fs.writeFileSync(file('invalid.json'), JSON.stringify(INVALID, null, 2) + '\n');
  fs.writeFileSync(file('apps/web.json'), JSON.stringify(VALID, null, 2) + '\n');
  fs.writeFileSync(file('apps/nested/api.json'), JSON.stringify(INVALID, null, 2) + '\n');
  // Not Marathon definitions: never reported, even with content that would be wrong in one.
  fs.writeFileSync(
    file('apps/package.json'),
    '{"name": "x", "version": "1.0.0", "cmd": 1, "instances": "x"}\n',
  );
  fs.writeFileSync(file('apps/tsconfig.json'), '{"compilerOptions": {"strict": true}}\n');
  fs.writeFileSync(file('apps/node_modules/pkg/app.json'), JSON.stringify(INVALID) + '\n');
  fs.symlinkSync('loop.json', file('loop.json'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the built CLI exists (npm run build, or MARATHON_CLI)', () => {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist`);
});

for (const [name, run] of Object.entries(RUNNERS))
  describe(`marathon-lint (${name})`, () => {
    test('a valid definition: exit 0, a clean summary', async () => {
      const r = await run([file('valid.json')]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '1 files checked, no problems.\n');
      assert.equal(r.err, '');
    });

    test('stylish: file, line:column, severity, message and rule; exit 1 on an error', async () => {
      const r = await run([file('invalid.json')], { NO_COLOR: '1' });
      assert.equal(r.code, 1);
      const lines = r.out.split('\n');
      assert.equal(lines[0], file('invalid.json'));
      assert.match(
        lines[1],
        /^ {2}4:16 {5}error {3}"instances" must be an integer, not a string \("2"\)\. {2}schema-type$/,
      );
      assert.match(r.out, /1 problems \(1 errors, 0 warnings, 0 other\)/);
    });

    test('json: the problems of every file with their rule, severity and range', async () => {
      const r = await run(['--format', 'json', file('invalid.json'), file('valid.json')]);
      assert.equal(r.code, 1);
      const results = JSON.parse(r.out) as {
        file: string;
        fixed: unknown[];
        problems: Record<string, unknown>[];
      }[];
      assert.deepEqual(
        results.map((x) => [path.basename(x.file), x.problems.length]),
        [
          ['invalid.json', 1],
          ['valid.json', 0],
        ],
      );
      assert.deepEqual(results[0].problems[0], {
        rule: 'schema-type',
        severity: 'error',
        message: '"instances" must be an integer, not a string ("2").',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 19,
      });
    });

    test('sarif: a SARIF 2.1.0 log with the rules used and one result per problem', async () => {
      const r = await run(['--format=sarif', file('invalid.json'), file('valid.json')]);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.out);
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const { driver } = log.runs[0].tool;
      assert.equal(driver.name, 'marathon-lint');
      assert.ok(Array.isArray(driver.rules) && driver.rules.length >= 1);
      for (const rule of driver.rules) {
        assert.equal(typeof rule.id, 'string');
        assert.equal(typeof rule.shortDescription.text, 'string');
        assert.match(rule.helpUri, /^https:\/\//);
      }
      const results = log.runs[0].results;
      assert.equal(results.length, 1);
      for (const res of results) {
        assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
        assert.equal(typeof res.message.text, 'string');
        const loc = res.locations[0].physicalLocation;
        assert.match(loc.artifactLocation.uri, /^file:\/\/.*invalid\.json$/);
        assert.deepEqual(loc.region, { startLine: 4, startColumn: 16, endLine: 4, endColumn: 19 });
      }
      assert.equal(results[0].ruleId, 'schema-type');
      assert.equal(results[0].level, 'error');
    });

    test('a folder: its Marathon definitions, not package.json, tsconfig.json or node_modules', async () => {
      const r = await run(['--format', 'json', file('apps')]);
      assert.equal(r.code, 1, r.err);
      assert.deepEqual(
        (JSON.parse(r.out) as { file: string }[]).map((x) => path.relative(dir, x.file)),
        [path.join('apps', 'nested', 'api.json'), path.join('apps', 'web.json')],
      );
    });

    test('Chinese with --locale zh-cn, and from LANG=zh_CN.UTF-8', async () => {
      for (const [args, env] of [
        [['--locale', 'zh-cn', file('invalid.json')], {}],
        [[file('invalid.json')], { LANG: 'zh_CN.UTF-8' }],
      ] as const) {
        const r = await run([...args], env);
        assert.equal(r.code, 1);
        assert.match(r.out, /"instances".*[\u4e00-\u9fff]/);
        assert.match(r.out.split('\n').at(-2)!, /[\u4e00-\u9fff]/);
      }
      const usage = await run(['--bogus'], { LANG: 'zh_CN.UTF-8' });
      assert.equal(usage.code, 2);
      assert.match(usage.err, /[\u4e00-\u9fff]/);
    });

    test('exit 2 with a clear message and no stack trace: missing path, unreadable file, bad option', async () => {
      const cases: [string[], RegExp][] = [
        [[file('missing.json')], /^No such file or folder: .*missing\.json\n$/],
        [[file('loop.json')], /^Cannot read .*loop\.json: ELOOP\n$/],
        [['--bogus', file('valid.json')], /^Unknown option: --bogus\nUsage: marathon-lint /],
        [['--format', 'xml', file('valid.json')], /^Unknown format "xml": use stylish, json or sarif\.\n/],
        [['--locale', 'fr', file('valid.json')], /^Unknown locale "fr": use en or zh-cn\.\n/],
        [['--rule', 'x', file('valid.json')], /^Invalid --rule "x"/],
        [
          ['--config', file('missing-config.json'), file('valid.json')],
          /^Cannot read the settings file .*missing-config\.json/,
        ],
        [[], /^No files or folders given\.\n/],
        [['--format'], /^Option --format needs a value\.\n/],
      ];
      for (const [args, message] of cases) {
        const r = await run(args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
        assert.match(r.err, message, args.join(' '));
        assert.doesNotMatch(r.err, /\n\s+at /, 'a stack trace');
        assert.equal(r.out, '');
      }
    });

    test('--help and --version exit 0', async () => {
      const help = await run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.out, /^Usage: marathon-lint .*--fix/);
      const version = await run(['--version']);
      assert.equal(version.code, 0);
      assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
    });

    test('--rule changes a severity; off silences a rule', async () => {
      const r = await run(['--rule', 'schema-type=warning', file('invalid.json')]);
      assert.equal(r.code, 0);
      assert.match(r.out, /warning/);
      const off = await run(['--rule', 'schema-type=off', file('invalid.json')]);
      assert.equal(off.code, 0);
      assert.equal(off.out, '1 files checked, no problems.\n');
    });

    test('--fix: writes the safe fixes, reports each one, and what it could not fix', async () => {
      const target = file(`fix-${name.replace(/\W/g, '')}.json`);
      fs.writeFileSync(target, '{\n  "id": "/a",\n  "cmd": "run",\n  "cpu": 1,\n  "instances": "two",\n}\n');
      const r = await run(['--fix', target], { NO_COLOR: '1' });
      assert.equal(
        fs.readFileSync(target, 'utf8'),
        '{\n  "id": "/a",\n  "cmd": "run",\n  "cpus": 1,\n  "instances": "two"\n}\n',
      );
      assert.equal(r.code, 1, 'the type error is left, so the exit status is that of linting the result');
      const lines = r.out.split('\n');
      assert.equal(lines[0], `${target}: fixed 2 problems: unknown-property, document`);
      assert.match(lines[1], /^ {2}4:3 {6}✓ Rename to "cpus" {2}unknown-property$/);
      assert.match(lines[2], /^ {2}5:21 {5}✓ Remove the trailing comma {2}document$/);
      assert.match(r.out, /\n {2}5:16 {5}error {3}"instances" must be an integer/);
      assert.match(
        r.out,
        /Not fixed: the 1 problems listed, which have no fix that is safe to apply without a choice\.\n$/,
      );

      // Once fixed by hand, --fix has nothing left: exit 0, the file is not written again.
      fs.writeFileSync(target, '{"id": "/a", "cmd": "run", "cpus": 1}\n');
      const before = fs.statSync(target).mtimeMs;
      const clean = await run(['--fix', '--format', 'json', target]);
      assert.equal(clean.code, 0);
      assert.deepEqual(JSON.parse(clean.out), [{ file: target, fixed: [], problems: [] }]);
      assert.equal(fs.statSync(target).mtimeMs, before);
    });

    test('--fix --format json lists the fixes applied', async () => {
      const target = file(`fixjson-${name.replace(/\W/g, '')}.json`);
      fs.writeFileSync(target, '{"id": "/a", "cmd": "run", "disks": 0}');
      const r = await run(['--fix', '--format', 'json', target]);
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out)[0].fixed, [
        { rule: 'unknown-property', title: 'Rename to "disk"', line: 1, column: 28 },
      ]);
      assert.equal(fs.readFileSync(target, 'utf8'), '{"id": "/a", "cmd": "run", "disk": 0}');
    });
  });
