// Once per `vitest run`, before any test file: build the starting databases every file copies
// (seeded-template.ts), and, when browser tests are in the run, start one headless Chromium
// they all connect to (e2e/browser.ts) instead of each launching its own.
import { relative, sep } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pgliteTemplates, serverTemplates } from './seeded-template.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns: Array<() => Promise<void>> = [];
  const browser = (await runIncludesBrowserTests(project)) ? startBrowserServer() : undefined;
  try {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const { templates, drop } = await serverTemplates(serverUrl);
      teardowns.push(drop);
      project.provide('merciaTestTemplates', templates);
    } else {
      project.provide('merciaTestTemplates', await pgliteTemplates());
    }
  } finally {
    // Started beside the seeding; a browser that fails to start leaves the files to launch their own.
    const server = await browser?.catch(() => undefined);
    if (server) {
      teardowns.push(() => server.close());
      project.provide('merciaBrowserEndpoint', server.wsEndpoint());
    }
  }
  return async () => {
    for (const teardown of teardowns.reverse()) await teardown();
  };
}

async function startBrowserServer() {
  const { chromium } = await import('playwright-core');
  return chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Whether the files this run will execute include any under e2e/. Vitest does not hand the
 * command line's filters to a global setup, so read them from argv (`vitest run src/children`);
 * anything unexpected counts as "yes", which only costs starting a browser.
 */
async function runIncludesBrowserTests(project: TestProject): Promise<boolean> {
  try {
    const args = process.argv.slice(2);
    const at = args.findIndex((a) => a === 'run' || a === 'watch' || a === 'dev');
    const filters = (at >= 0 ? args.slice(at + 1) : args).filter((a) => !a.startsWith('-') && !a.includes('vitest'));
    const { testFiles } = await project.globTestFiles(filters.length ? filters : undefined);
    return testFiles.some((f) => relative(project.config.root, f).startsWith(`e2e${sep}`));
  } catch {
    return true;
  }
}
