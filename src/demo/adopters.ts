// Demo adopters. (Being built.)
import type { DemoContext } from './seed.ts';

export async function seedAdopters(_demo: DemoContext): Promise<void> {}
