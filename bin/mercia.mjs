#!/usr/bin/env node
// Mercia runs its TypeScript directly through tsx: no build step between a change and a run
// (docs/decisions/001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
