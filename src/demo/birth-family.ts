// Demo birth family support. (Placeholder until the area is built.)
import type { DemoContext } from './seed.ts';

export async function seedBirthFamily(_demo: DemoContext): Promise<void> {}
