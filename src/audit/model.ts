// Searching the audit log: by person, by record, by date range.
import { z } from 'zod';
import { calendarDate } from '../core/validation.ts';

export interface AuditRow {
  seq: number;
  at: Date;
  actorLabel: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail: unknown;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const auditSearchInput = z.object({
  actor: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().max(254).optional()),
  recordType: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  recordId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  from: z.preprocess(blankToUndefined, calendarDate('the from date').optional()),
  to: z.preprocess(blankToUndefined, calendarDate('the to date').optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], error: 'The to date must be on or after the from date' });
export type AuditSearch = z.output<typeof auditSearchInput>;

export const PAGE_SIZE = 50;
