// The module layers of src/ (issue 12): each folder includes only folders below it.
// The order is written once, at the top of docs/ARCHITECTURE.md; this test reads it there
// and fails on any `#include "<folder>/..."` that points up or sideways past it, and on a
// src/ folder that the order does not name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function layerOrder() {
  const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const line = doc.split('\n').find((l) => l.startsWith('Layers, lowest first:'));
  assert.ok(line, 'docs/ARCHITECTURE.md must have a "Layers, lowest first:" line');
  return [...line.matchAll(/`([a-z_]+)\/`/g)].map((m) => m[1]);
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(h|cc|def)$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** Every cross-folder include of src/: [{from, to, file}]. */
function crossIncludes(folders) {
  const edges = [];
  for (const from of folders) {
    for (const file of sourceFiles(join(root, 'src', from))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^#include "([a-z_]+)\//gm)) {
        if (m[1] !== from) edges.push({ from, to: m[1], file: file.slice(root.length) });
      }
    }
  }
  return edges;
}

test('every src/ folder has a place in the layer order', () => {
  const order = layerOrder();
  const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
    .filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual([...order].sort(), folders);
});

test('src/ folders include only folders below them', () => {
  const order = layerOrder();
  const upward = crossIncludes(order)
    .filter(({ from, to }) => !order.includes(to) || order.indexOf(to) > order.indexOf(from))
    .map(({ from, to, file }) => `${file}: ${from}/ includes ${to}/`);
  assert.deepEqual(upward, []);
});

test('the check sees includes (it is not vacuous)', () => {
  const edges = crossIncludes(layerOrder());
  assert.ok(edges.some((e) => e.from === 'gateway' && e.to === 'providers'));
  assert.ok(edges.some((e) => e.from === 'providers' && e.to === 'vocab'));
});
