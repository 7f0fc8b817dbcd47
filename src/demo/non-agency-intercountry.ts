// Demo non-agency and inter-country adoption. (Placeholder until the area is built.)
import type { DemoContext } from './seed.ts';

export async function seedNonAgencyIntercountry(_demo: DemoContext): Promise<void> {}
