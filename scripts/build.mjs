// Compiles Mercia's TypeScript to JavaScript in dist/ (docs/decisions/008-compiled-start.md):
// one .js file for each source file, at the same path under dist/ (src/cli/main.ts becomes
// dist/src/cli/main.js), with relative imports rewritten from .ts to .js and every package left
// to node_modules. What the code reads from disk beside itself — Nunjucks templates, the
// service's static files and migrations/ — is copied to the same places under dist/, so paths
// built from import.meta.url still find them. Imports that leave src/ (the benchmarks, which
// run through tsx) point at the source files.
//
// A few packages made of many small ES modules are each bundled into one file under
// dist/vendor/ (VENDORED), and Mercia's imports of them point there: Node loads an ES module
// file by file, so kysely's 280 files cost a command about 150 ms to load, one file about 25 ms.
// Each is bundled once, so every module that imports it shares one copy; a package's entry
// points that share its code (kysely and kysely/helpers/postgres) go into the same bundle, or
// the second would load the package's files all over again beside the bundle.
//
// `node scripts/build.mjs` builds; npm runs it on install (`prepare`), and bin/mercia.mjs runs
// build() itself when dist/ is missing or older than the sources. Tests (*.test.ts) are not
// built: vitest runs the sources.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'dist');
const srcDir = join(root, 'src');
const stampFile = join(distDir, 'build.json');
const lockDir = `${distDir}.lock`;
/**
 * Bundles in dist/vendor/<name>.js, each with the package entry points it exports: pure ES
 * modules (or, commander, an ES entry) with many files. Entry points in one bundle must not
 * export the same name (csv-parse's and csv-parse/sync's `parse` differ, so they are two).
 */
const VENDORED = {
  kysely: ['kysely', 'kysely/helpers/postgres'],
  'csv-parse': ['csv-parse'],
  'csv-parse-sync': ['csv-parse/sync'],
  commander: ['commander'],
};
/** Which bundle each vendored entry point is in. */
const BUNDLE_OF = new Map(Object.entries(VENDORED).flatMap(([bundle, entries]) => entries.map((entry) => [entry, bundle])));
/** What a build is made from: the sources (not tests), migrations, this script and the vendored packages' versions. */
const INPUTS = ['src', 'migrations', 'scripts/build.mjs', ...new Set([...BUNDLE_OF.keys()].map((p) => `node_modules/${p.split('/')[0]}/package.json`))];

function isTest(name) {
  return /\.test\.ts$/.test(name);
}

function walk(path, out) {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') {
      out.push(path);
      return out;
    }
    if (error.code === 'ENOENT') return out;
    throw error;
  }
  for (const e of entries) {
    const full = join(path, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && !isTest(e.name)) out.push(full);
  }
  return out;
}

/** The input files, and a signature of them (how many, and the newest change) that a build records. */
export function sourceSignature() {
  const files = INPUTS.flatMap((p) => walk(join(root, p), []));
  let newest = 0;
  for (const f of files) newest = Math.max(newest, statSync(f).mtimeMs);
  return { files, signature: `${files.length}:${Math.floor(newest)}` };
}

/** Whether dist/ holds a build of the sources as they are now. */
export function isFresh() {
  if (!existsSync(stampFile)) return false;
  // A deployment may ship dist/ without the sources.
  if (!existsSync(srcDir)) return true;
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).signature === sourceSignature().signature;
  } catch {
    return false;
  }
}

const vendorFile = (bundle) => join('vendor', `${bundle}.js`);

/**
 * Rewrites each relative import: within src/, to the .js file beside it; outside, to the
 * source. A vendored package's import points at its bundle; other packages stay in node_modules.
 */
const relativeImports = (outDir) => ({
  name: 'relative-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const bundle = BUNDLE_OF.get(args.path);
      if (bundle) {
        const from = dirname(join(outDir, relative(root, args.importer)));
        return { path: relative(from, join(outDir, vendorFile(bundle))).split(sep).join('/'), external: true };
      }
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      const target = resolve(args.resolveDir, args.path);
      if (target.startsWith(srcDir + sep)) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      return { path: pathToFileURL(target).href, external: true };
    });
  },
});

async function compile(outDir, files) {
  const esbuild = await import('esbuild');
  try {
    return await compileWith(esbuild.build, outDir, files);
  } finally {
    // esbuild builds in a child process (about 90 MB) that otherwise lives as long as this one:
    // when `mercia serve` builds before starting, for the whole life of the server.
    await esbuild.stop();
  }
}

async function compileWith(build, outDir, files) {
  const entryPoints = files.filter((f) => f.startsWith(srcDir + sep) && f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await build({
    entryPoints,
    outdir: outDir,
    outbase: root,
    bundle: true,
    plugins: [relativeImports(outDir)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.js' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  for (const [bundle, entries] of Object.entries(VENDORED)) {
    await build({
      stdin: { contents: entries.map((entry) => `export * from '${entry}';`).join('\n'), resolveDir: root, loader: 'js' },
      outfile: join(outDir, vendorFile(bundle)),
      bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', legalComments: 'none',
      // commander is CommonJS inside its ES entry: its require('node:events') needs a require.
      banner: { js: "import { createRequire as __vendorRequire } from 'node:module'; const require = __vendorRequire(import.meta.url);" },
    });
  }
  // Everything else the code reads beside itself: templates, static files, migrations.
  for (const f of files) {
    // The vendored packages' package.json files are inputs (their versions), not part of the build:
    // a copy under dist/node_modules would shadow the real package for Node's resolution.
    if (f.endsWith('.ts') || f === join(root, 'scripts', 'build.mjs') || f.startsWith(join(root, 'node_modules') + sep)) continue;
    const to = join(outDir, relative(root, f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
  }
  return entryPoints.length;
}

/** Takes the build lock (one build at a time); false if another process built while we waited. */
async function lock() {
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lockDir);
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    // A lock left by a build that died is taken over after a minute.
    const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 60_000) rmSync(lockDir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 100));
    if (isFresh()) return false;
    if (waited > 120_000) throw new Error(`another build holds ${lockDir}; remove it if no build is running`);
  }
}

/**
 * Builds dist/ if it is not fresh. The new build is written beside it and swapped in, so a
 * process running the old one keeps finding whole files.
 */
export async function buildIfStale({ force = false } = {}) {
  if (!force && isFresh()) return { built: false };
  if (!(await lock())) return { built: false };
  try {
    if (!force && isFresh()) return { built: false };
    const started = performance.now();
    const { files, signature } = sourceSignature();
    const next = `${distDir}.next-${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    const modules = await compile(next, files);
    writeFileSync(join(next, 'build.json'), `${JSON.stringify({ signature, builtAt: new Date().toISOString(), modules }, null, 2)}\n`);
    const old = `${distDir}.old-${process.pid}`;
    if (existsSync(distDir)) renameSync(distDir, old);
    renameSync(next, distDir);
    rmSync(old, { recursive: true, force: true });
    return { built: true, modules, seconds: Math.round(performance.now() - started) / 1000 };
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildIfStale({ force: !process.argv.includes('--if-stale') });
  console.log(result.built ? `Built dist/: ${result.modules} modules in ${result.seconds} s` : 'dist/ is up to date');
}
