// Every repository path the docs name exists (issue 12): README.md and docs/*.md mention files as
// `src/...`, `bindings/...`, `worker/...` and so on, and a file that moved left them pointing at
// nothing. Placeholders (`<id>`, `*`) must match at least one file; generated folders (test and
// bench output) are not in the tree and are allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const TOP = 'src|bindings|worker|tests|bench|scripts|examples|docs|web';
const PATH = new RegExp(`(?<![\\w./-])((?:${TOP})/[\\w./<>*+-]*)`, 'g');
const GENERATED = ['tests/web/screenshots/', 'bench/results/'];

function docs() {
  const inDocs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...inDocs];
}

/** Whether a path with `<placeholder>` / `*` segments matches a file of the tree. */
function matches(pattern) {
  const parts = pattern.replace(/\/$/, '').split('/');
  const walk = (dir, i) => {
    if (i === parts.length) return true;
    if (!/[<*]/.test(parts[i])) return existsSync(join(dir, parts[i])) && walk(join(dir, parts[i]), i + 1);
    const re = new RegExp(`^${parts[i].replace(/[.+]/g, '\\$&').replace(/<[^>]+>|\*/g, '.*')}$`);
    let names = [];
    try { names = readdirSync(dir); } catch { return false; }
    return names.some((name) => re.test(name) && walk(join(dir, name), i + 1));
  };
  return walk(root, 0);
}

test('every path named in README.md and docs/*.md exists', () => {
  const missing = [];
  for (const doc of docs()) {
    readFileSync(join(root, doc), 'utf8').split('\n').forEach((line, index) => {
      for (const [, raw] of line.matchAll(PATH)) {
        const path = raw.replace(/[.,;:)]+$/, '');
        if (GENERATED.some((g) => path.startsWith(g)) || matches(path)) continue;
        missing.push(`${doc}:${index + 1}: ${path}`);
      }
      for (const [, target] of line.matchAll(/\]\(((?!https?:|#|mailto:)[^)\s]+)\)/g)) {
        const file = target.replace(/#.*$/, '');
        if (file && !existsSync(normalize(join(root, dirname(doc), file)))) missing.push(`${doc}:${index + 1}: ${target}`);
      }
    });
  }
  assert.deepEqual(missing, []);
});

test('the check sees paths (it is not vacuous)', () => {
  const text = docs().map((doc) => readFileSync(join(root, doc), 'utf8')).join('\n');
  const found = [...text.matchAll(PATH)].map((m) => m[1]);
  assert.ok(found.includes('bindings/index.mjs'));
  assert.ok(found.some((p) => p.includes('<')), 'placeholder paths are checked too');
});
