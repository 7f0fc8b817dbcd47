// Demo training. (Being built.)
import type { DemoContext } from './seed.ts';

export async function seedTraining(_demo: DemoContext): Promise<void> {}
