// The public JS API is what the declarations say, no more and no less (issue 12): for
// every entry point in package.json `exports` and every condition that maps to a
// different file (e.g. `workerd`), the runtime module's exports must equal the
// value exports (classes, functions, consts) of the `.d.ts` that condition declares,
// `export ... from` followed. Interfaces and types have no runtime counterpart and are
// not compared. The declarations must also type-check on their own (strict).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from './hosts.mjs';

// The `workerd` entry imports the `.wasm` as a compiled module (a workerd/wrangler
// module rule); Node has no such rule, so this hook supplies one for this process.
const WASM_AS_MODULE_HOOKS = `
export async function load(url, context, next) {
  if (!url.endsWith('.wasm')) return next(url, context);
  return { format: 'module', shortCircuit: true, source:
    'import { readFileSync } from "node:fs";\\n' +
    'export default new WebAssembly.Module(readFileSync(new URL(' + JSON.stringify(url) + ')));\\n' };
}`;
register(`data:text/javascript,${encodeURIComponent(WASM_AS_MODULE_HOOKS)}`);

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * The JavaScript targets of one `exports` entry, each with the declaration file that
 * applies to it: the `types` condition of the same (or nearest enclosing) object.
 * @returns {Array<{conditions: string[], file: string, types: string | undefined}>}
 */
function targetsOf(entry, conditions = [], types = undefined) {
  if (typeof entry === 'string') return /\.m?js$/.test(entry) ? [{ conditions, file: entry, types }] : [];
  const ownTypes = typeof entry.types === 'string' ? entry.types : types;
  return Object.entries(entry).filter(([condition]) => condition !== 'types')
    .flatMap(([condition, value]) => targetsOf(value, [...conditions, condition], ownTypes));
}

/** Every distinct (subpath, runtime file, declaration file) of the package, with the conditions leading there. */
function entryPoints() {
  const seen = new Map();
  for (const [subpath, entry] of Object.entries(pkg.exports)) {
    for (const { conditions, file, types } of targetsOf(entry)) {
      const key = `${subpath} ${file} ${types}`;
      if (!seen.has(key)) seen.set(key, { subpath, conditions: [], file, types });
      seen.get(key).conditions.push(conditions.join('.'));
    }
  }
  return [...seen.values()];
}

const COMPILER_OPTIONS = {
  strict: true, noEmit: true, skipLibCheck: false, target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
};

const declarationFiles = [...new Set(entryPoints().map((e) => e.types).filter(Boolean))]
  .map((f) => path.join(ROOT, f));
const program = ts.createProgram(declarationFiles, COMPILER_OPTIONS);
const checker = program.getTypeChecker();

/** The names a `.d.ts` exports as values (re-exports resolved), sorted. */
function declaredValueExports(file) {
  const source = program.getSourceFile(path.join(ROOT, file));
  assert.ok(source, `${file} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol, `${file} is not a module`);
  return checker.getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name).sort();
}

test('package.json exports: every JavaScript target has declarations', () => {
  const points = entryPoints();
  assert.ok(points.some((p) => p.conditions.some((c) => c.startsWith('workerd'))), 'the workerd condition is covered');
  for (const point of points) {
    assert.ok(point.types, `${point.subpath} (${point.conditions.join(', ')}): no "types" for ${point.file}`);
    assert.ok(fs.existsSync(path.join(ROOT, point.file)), point.file);
    assert.ok(fs.existsSync(path.join(ROOT, point.types)), point.types);
  }
});

for (const point of entryPoints()) {
  test(`${point.subpath} [${point.conditions.join(', ')}]: ${point.file} exports what ${point.types} declares`,
    async () => {
      const runtime = Object.keys(await import(pathToFileURL(path.join(ROOT, point.file)).href)).sort();
      const declared = declaredValueExports(point.types);
      const undeclared = runtime.filter((name) => !declared.includes(name));
      const missing = declared.filter((name) => !runtime.includes(name));
      assert.deepEqual({ undeclared, missing }, { undeclared: [], missing: [] },
        `exported but not declared: [${undeclared}]; declared but not exported: [${missing}]`);
    });
}

test('the declarations type-check (strict, lib checks on)', () => {
  const diagnostics = ts.getPreEmitDiagnostics(program)
    .filter((d) => !d.file || !d.file.fileName.includes('/node_modules/typescript/'));
  const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT, getNewLine: () => '\n' });
  assert.equal(diagnostics.length, 0, text);
});
