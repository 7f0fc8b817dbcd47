// Demo adopted adults. (Placeholder until the area is built.)
import type { DemoContext } from './seed.ts';

export async function seedAdoptedAdults(_demo: DemoContext): Promise<void> {}
