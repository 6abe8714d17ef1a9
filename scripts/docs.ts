// Writes docs/rules.md and docs/rules.zh-cn.md from the rule registry (`npm run docs`).
import fs from 'node:fs';
import path from 'node:path';
import { renderRulesDoc } from '../server/src/service/rulesDoc';

const root = path.resolve(import.meta.dirname, '..');
fs.writeFileSync(path.join(root, 'docs', 'rules.md'), renderRulesDoc('en'));
fs.writeFileSync(path.join(root, 'docs', 'rules.zh-cn.md'), renderRulesDoc('zh-cn'));
