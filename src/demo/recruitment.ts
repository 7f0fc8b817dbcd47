// Demo recruitment. (Being built.)
import type { DemoContext } from './seed.ts';

export async function seedRecruitment(_demo: DemoContext): Promise<void> {}
