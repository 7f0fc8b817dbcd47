// The areas whose deadlines make up each person's work queue (core/work.ts).
import { registerWorkSource } from '../core/work.ts';
import * as adopters from '../adopters/service.ts';
import * as recruitment from '../recruitment/service.ts';

export function registerWorkSources(): void {
  registerWorkSource(recruitment.dueWork);
  registerWorkSource(adopters.dueWork);
}
