// Demo insight data: comparator figures (England and statistical neighbours) by measure and year.
import type { DemoContext } from './seed.ts';

export async function seedInsight(demo: DemoContext): Promise<void> {
  void demo;
}
