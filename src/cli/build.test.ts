// The compiled build (scripts/build.mjs, what `npm start` and the `mercia` command run): every
// module of the service loads from dist/, so an import the build rewrote wrongly, or a package
// it shadowed, fails here rather than when someone first opens that page.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    // The test helpers import vitest, which only a test run has; static/ is the browser's.
    if (e.isDirectory()) return e.name === 'testing' || e.name === 'static' ? [] : modules(path);
    // The command's entry runs the command when loaded: it is run, with --help, above.
    return e.name.endsWith('.js') && path !== join(root, 'dist', 'src', 'cli', 'main.js') ? [path] : [];
  });
}

describe('the compiled build', () => {
  it('builds, and every module of the service loads from dist/', { timeout: 120_000 }, async () => {
    // --help builds dist/ first when it is missing or older than the sources.
    await run(process.execPath, [join(root, 'bin', 'mercia.mjs'), '--help']);
    const files = modules(join(root, 'dist', 'src'));
    expect(files.length).toBeGreaterThan(100);
    const script = `for (const f of ${JSON.stringify(files)}) await import(f);`;
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(stderr).toBe('');
  });
});
