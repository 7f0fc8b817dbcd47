#!/usr/bin/env node
// Mercia runs compiled JavaScript from dist/ (docs/decisions/008-compiled-start.md). When dist/
// is missing or older than the sources, it is built first (esbuild, under a second); if it
// cannot be built, the sources run through tsx instead, with a note on stderr.
// MERCIA_TSX=1 runs the sources through tsx without building.
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/src/cli/main.js', root);

async function viaTsx(note) {
  if (note) process.stderr.write(`mercia: ${note}; running the sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/cli/main.ts', root).href);
}

if (process.env.MERCIA_TSX === '1') {
  await viaTsx();
} else if (!existsSync(new URL('scripts/build.mjs', root))) {
  // A deployment that ships dist/ without the build script runs what it has.
  await import(compiled.href);
} else {
  const { buildIfStale } = await import('../scripts/build.mjs');
  let ready = true;
  try {
    await buildIfStale();
  } catch (error) {
    ready = false;
    await viaTsx(`could not build dist/ (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (ready) await import(compiled.href);
}
