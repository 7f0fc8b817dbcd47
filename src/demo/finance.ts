// Demo finance and needs-analysis data: the business case's population, budgets and contributions.
import type { DemoContext } from './seed.ts';

export async function seedFinance(demo: DemoContext): Promise<void> {
  void demo;
}
