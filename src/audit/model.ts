// Searching the audit log: by person, by record, by date range.
import { z } from 'zod';
import { calendarDate } from '../core/validation.ts';

export interface AuditRow {
  /** The event's number, in the order events were written. */
  id: number;
  at: Date;
  actorLabel: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail: unknown;
  /** The organisation whose staff did it, and the one that owns the event's own record. */
  actorOrgId: string | null;
  ownerId: string | null;
  /** The owners of every record the event touched (its own, and each one it listed). */
  recordOwnerIds: string[];
  /** The searching organisation's records that the event touched (shown, the ones it listed beside its own record). */
  records: { type: string; id: string }[];
}

/** A row as shown: the whole event, or (for another organisation's event that only touched
 * the searcher's records) who did what when and to which of the searcher's records, without
 * its own record or its detail, which can name other organisations' records and search terms. */
export type ShownAuditRow = Omit<AuditRow, 'actorOrgId' | 'ownerId' | 'recordOwnerIds'>;

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
