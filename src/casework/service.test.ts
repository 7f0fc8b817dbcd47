import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as casework from './service.ts';
// The areas register their record types when they load, as they do in the running service.
import '../adopters/service.ts';
import '../children/service.ts';

let h: DatabaseHandle;
let childId: string;
let householdId: string;
const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T12:00:00Z');
const as = (email: string) => contextOf(h.db, email, TODAY);
const visit = { type: 'visit', date: '2026-11-20', time: '14:30', body: 'Visited at the foster home. Settled and chatty.' };

beforeAll(async () => {
  h = await openTestDatabase({ demo: true });
  const herefordshire = await h.db.selectFrom('organisation').select('id').where('slug', '=', 'herefordshire').executeTakeFirstOrThrow();
  childId = (await h.db.selectFrom('child').select('id').where('placing_authority_id', '=', herefordshire.id)
    .where('stage', '=', 'placed').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const partnership = await h.db.selectFrom('organisation').select('id').where('slug', '=', 'west-mercia').executeTakeFirstOrThrow();
  householdId = (await h.db.selectFrom('household').select('id').where('status', '=', 'approved').where('owner_id', '=', partnership.id)
    .orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(() => h.close());

const count = async () => Number((await h.db.selectFrom('case_note').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('case notes', () => {
  it('a social worker records a visit on a child, and sees it with its author and time in England', async () => {
    const ctx = await as('social-worker@herefordshire.example');
    const id = await casework.addNote(h.db, ctx, 'child', childId, visit, NOW);
    const { notes, can } = await casework.listNotes(h.db, ctx, 'child', childId);
    expect(can).toEqual({ add: true, markSensitive: true });
    expect(notes.find((n) => n.id === id)).toMatchObject({ type: 'visit', typeName: 'Visit', date: '2026-11-20', time: '14:30', body: visit.body, sensitive: false, version: 1 });
    // 14:30 in England in November is 14:30 UTC; in summer it is an hour earlier in UTC.
    const stored = await h.db.selectFrom('case_note').select('occurred_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.occurred_at.toISOString()).toBe('2026-11-20T14:30:00.000Z');
    const audit = await h.db.selectFrom('audit_event').select(['action', 'owner_id', 'detail']).where('record_type', '=', 'case-note').where('record_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'create', owner_id: expect.any(String), detail: { after: { type: 'visit', occurredAt: '2026-11-20T14:30:00.000Z', sensitive: false, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/), bodyLength: visit.body.length } } }]);
    // Administrators read the audit log without opening the record: it holds a fingerprint of the text, never the text.
    expect(JSON.stringify(audit)).not.toContain('Settled and chatty');
  });

  it('keeps summer time: 09:00 on a July day is 08:00 UTC', async () => {
    const ctx = await as('social-worker@herefordshire.example');
    const id = await casework.addNote(h.db, ctx, 'child', childId, { ...visit, date: '2026-07-01', time: '09:00' }, NOW);
    const stored = await h.db.selectFrom('case_note').select('occurred_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.occurred_at.toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('is exactly as visible as its record: another council\'s worker is told it does not exist', async () => {
    const shropshire = await as('social-worker@shropshire.example');
    await expect(casework.listNotes(h.db, shropshire, 'child', childId)).rejects.toThrow(NotFoundError);
    const before = await count();
    await expect(casework.addNote(h.db, shropshire, 'child', childId, visit, NOW)).rejects.toThrow(NotFoundError);
    expect(await count()).toBe(before);
  });

  it('someone who may see the child but not work on the record cannot add a note', async () => {
    const analyst = await as('analyst@herefordshire.example');
    expect((await casework.listNotes(h.db, analyst, 'child', childId)).can.add).toBe(false);
    await expect(casework.addNote(h.db, analyst, 'child', childId, visit, NOW)).rejects.toThrow(ForbiddenError);
  });

  it('a sensitive note is seen only by those the child\'s policy lets see sensitive information', async () => {
    const worker = await as('social-worker@herefordshire.example');
    const id = await casework.addNote(h.db, worker, 'child', childId, { ...visit, body: 'Birth mother disclosed a new address.', sensitive: 'yes' }, NOW);
    expect((await casework.listNotes(h.db, worker, 'child', childId)).notes.map((n) => n.id)).toContain(id);
    const analyst = await as('analyst@herefordshire.example');
    expect((await casework.listNotes(h.db, analyst, 'child', childId)).notes.map((n) => n.id)).not.toContain(id);
    const story = await casework.chronology(h.db, analyst, 'child', childId);
    expect(story.entries.some((e) => e.detail === 'Birth mother disclosed a new address.')).toBe(false);
    // The decision maker may record milestones (so may write notes) but not see the birth family: no sensitive notes either way.
    const adm = await as('decision-maker@herefordshire.example');
    await expect(casework.addNote(h.db, adm, 'child', childId, { ...visit, sensitive: true }, NOW)).rejects.toMatchObject({ errors: [{ field: 'sensitive' }] });
  });

  it('refuses a note with no text, a time in the future or a time that is not a time, naming the field, and stores nothing', async () => {
    const ctx = await as('social-worker@herefordshire.example');
    const before = await count();
    const refused = async (input: object, field: string) => {
      const error = await casework.addNote(h.db, ctx, 'child', childId, { ...visit, ...input }, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toContain(field);
    };
    await refused({ body: '   ' }, 'body');
    await refused({ date: '2026-11-23', time: '12:01' }, 'date');
    await refused({ date: '2026-12-25' }, 'date');
    await refused({ time: '25:00' }, 'time');
    await refused({ type: 'gossip' }, 'type');
    expect(await count()).toBe(before);
  });

  it('its author may correct it for 24 hours, and its earlier wording is kept; no one else, and never later', async () => {
    const author = await as('social-worker@herefordshire.example');
    const id = await casework.addNote(h.db, author, 'child', childId, visit, NOW);
    const written = (await h.db.selectFrom('case_note').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()).created_at;
    const manager = await as('team-manager@herefordshire.example');
    await expect(casework.correctNote(h.db, manager, id, { ...visit, body: 'Not mine to change' }, written)).rejects.toThrow(ForbiddenError);
    await casework.correctNote(h.db, author, id, { ...visit, body: 'Visited at the foster home. Settled.' }, new Date(written.getTime() + 3_600_000));
    const note = (await casework.listNotes(h.db, author, 'child', childId)).notes.find((n) => n.id === id)!;
    expect(note).toMatchObject({ body: 'Visited at the foster home. Settled.', version: 2, earlier: [{ version: 1, body: visit.body }] });
    await expect(casework.correctNote(h.db, author, id, visit, new Date(written.getTime() + 25 * 3_600_000))).rejects.toThrow(ForbiddenError);
    const audit = await h.db.selectFrom('audit_event').select('detail').where('record_type', '=', 'case-note').where('record_id', '=', id).where('action', '=', 'update').executeTakeFirstOrThrow();
    const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(audit.detail).toMatchObject({ before: { bodySha256: fingerprint(visit.body) }, after: { bodySha256: fingerprint('Visited at the foster home. Settled.') } });
  });

  it('an earlier sensitive wording stays hidden when the note is corrected to be not sensitive', async () => {
    const author = await as('social-worker@herefordshire.example');
    const id = await casework.addNote(h.db, author, 'child', childId, { ...visit, body: 'Disclosed a private medical matter.', sensitive: true }, NOW);
    const written = (await h.db.selectFrom('case_note').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()).created_at;
    await casework.correctNote(h.db, author, id, { ...visit, body: 'Visited.' }, written);
    const analyst = await as('analyst@herefordshire.example');
    const seen = (await casework.listNotes(h.db, analyst, 'child', childId)).notes.find((n) => n.id === id)!;
    expect(seen).toMatchObject({ body: 'Visited.', sensitive: false, earlier: [] });
    expect((await casework.listNotes(h.db, author, 'child', childId)).notes.find((n) => n.id === id)!.earlier).toMatchObject([{ body: 'Disclosed a private medical matter.', sensitive: true }]);
  });

  it('is never deleted, and its history never changes', async () => {
    await expect(sql`delete from case_note`.execute(h.db)).rejects.toThrow(/kept as written/);
    await expect(sql`update case_note_version set body = 'changed'`.execute(h.db)).rejects.toThrow(/kept as written/);
  });
});

describe('chronology', () => {
  it('merges the child\'s milestones and episodes with the notes, in date order, and filters by kind', async () => {
    const ctx = await as('social-worker@herefordshire.example');
    const { entries } = await casework.chronology(h.db, ctx, 'child', childId);
    const kinds = new Set(entries.map((e) => e.kind));
    expect(kinds).toContain('note');
    expect(kinds).toContain('episode');
    expect([...kinds].some((k) => k === 'milestone' || k === 'decision')).toBe(true);
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const notesOnly = await casework.chronology(h.db, ctx, 'child', childId, { kind: 'note' });
    expect(notesOnly.entries.length).toBeGreaterThan(0);
    expect(notesOnly.entries.every((e) => e.kind === 'note')).toBe(true);
    // A filter: a kind it does not know is left out, not refused.
    expect((await casework.chronology(h.db, ctx, 'child', childId, { kind: ['rumour', 'note', 'note'] })).query.kind).toEqual(['note']);
  });

  it('tells a household\'s story from its stage events and decisions, to those who may see the household', async () => {
    const ctx = await as('social-worker@west-mercia.example');
    const { entries, record } = await casework.chronology(h.db, ctx, 'household', householdId);
    expect(record.path).toBe(`/households/${householdId}`);
    expect(entries.some((e) => e.kind === 'decision' && e.title === 'Agency decision maker\'s decision')).toBe(true);
    await expect(casework.chronology(h.db, await as('social-worker@thurrock.example'), 'household', householdId)).rejects.toThrow(NotFoundError);
  });
});

describe('retention', () => {
  it('keeps an adopted child\'s record for 100 years from the adoption order', async () => {
    const { adoptionRecordRetention } = await import('../children/chronology.ts');
    expect(adoptionRecordRetention([{ type: 'placed-for-adoption', date: '2024-01-10' }])).toBeNull();
    expect(adoptionRecordRetention([{ type: 'adoption-order', date: '2025-06-30' }])).toEqual({ keepUntil: '2125-06-30', why: '100 years from the adoption order' });
    expect(adoptionRecordRetention([{ type: 'adoption-order', date: '2024-02-29' }])?.keepUntil).toBe('2124-02-29');
    expect(adoptionRecordRetention([{ type: 'adoption-order', date: '2028-02-29' }])?.keepUntil).toBe('2128-02-29');
    expect(adoptionRecordRetention([{ type: 'adoption-order', date: '2096-02-29' }])?.keepUntil).toBe('2196-02-29');
    expect(adoptionRecordRetention([{ type: 'adoption-order', date: '2000-02-29' }])?.keepUntil).toBe('2100-03-01');
  });
});
