// Casework decides no access of its own: a record's notes, documents and chronology are exactly as open as
// the record, by its own area's policy (core/records.ts). Tried here for every role of several
// organisations against a child, a household and an enquiry: casework answers as the area's
// policy does, and a refusal to view is absence (404), not a 403 that would confirm the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../core/access.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { contextOf } from '../core/testing/context.ts';
import * as adopters from '../adopters/store.ts';
import { householdPolicy } from '../adopters/policy.ts';
import * as children from '../children/store.ts';
import { childPolicy } from '../children/policy.ts';
import * as recruitment from '../recruitment/store.ts';
import { enquiryPolicy } from '../recruitment/policy.ts';
import * as casework from './service.ts';
import { listDocuments } from './documents-service.ts';
import '../adopters/service.ts';
import '../children/service.ts';
import '../recruitment/service.ts';

const TODAY = '2026-11-23';
const ORGS = ['herefordshire', 'shropshire', 'worcestershire', 'west-mercia', 'thurrock', 'barnardos'];
let h: DatabaseHandle;
const records: { type: string; id: string; can: (email: string, action: 'view' | 'change') => Promise<boolean> }[] = [];

beforeAll(async () => {
  h = await openTestDatabase({ demo: true });
  const org = async (slug: string) => (await h.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const childId = (await h.db.selectFrom('child').select('id').where('placing_authority_id', '=', await org('herefordshire')).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const householdId = (await h.db.selectFrom('household').select('id').where('owner_id', '=', await org('west-mercia')).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const enquiryId = (await h.db.selectFrom('enquiry').select('id').where('front_door_id', '=', await org('west-mercia')).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const ctx = (email: string) => contextOf(h.db, email, TODAY);
  records.push(
    { type: 'child', id: childId, can: async (email, action) => { const c = await ctx(email); return childPolicy.can(c.actor, c.facts, action === 'view' ? 'view' : 'record-milestone', (await children.findChild(h.db, childId))!); } },
    { type: 'household', id: householdId, can: async (email, action) => {
      const c = await ctx(email);
      const row = (await adopters.findHousehold(h.db, householdId, TODAY))!;
      return householdPolicy.can(c.actor, c.facts, action === 'view' ? 'view' : 'update', { id: row.id, ownerId: row.ownerId, homeCouncilId: row.homeCouncilId, status: row.status, ownerPartnerships: row.ownerPartnerships });
    } },
    { type: 'enquiry', id: enquiryId, can: async (email, action) => { const c = await ctx(email); return enquiryPolicy.can(c.actor, c.facts, action === 'view' ? 'view' : 'work', (await recruitment.findEnquiry(h.db, enquiryId))!); } },
  );
});
afterAll(() => h.close());

const outcome = (p: Promise<unknown>) => p.then(() => 'allowed', (e: unknown) => (e instanceof NotFoundError ? 'absent' : e instanceof ForbiddenError ? 'refused' : `error: ${String(e)}`));

describe('casework follows each record\'s own policy', () => {
  it('for every role of every organisation tried: notes and chronology as the record, adding as working on it', async () => {
    const mismatches: string[] = [];
    let allowedViews = 0;
    for (const slug of ORGS) {
      for (const role of ROLES) {
        const email = `${role}@${slug}.example`;
        const ctx = await contextOf(h.db, email, TODAY).catch(() => null);
        if (!ctx) continue;
        for (const r of records) {
          const [view, change] = [await r.can(email, 'view'), await r.can(email, 'change')];
          if (view) allowedViews += 1;
          const expected = { notes: view ? 'allowed' : 'absent', chronology: view ? 'allowed' : 'absent', documents: view ? 'allowed' : 'absent', add: !view ? 'absent' : change ? 'allowed' : 'refused' };
          const actual = {
            notes: await outcome(casework.listNotes(h.db, ctx, r.type, r.id)),
            chronology: await outcome(casework.chronology(h.db, ctx, r.type, r.id)),
            documents: await outcome(listDocuments(h.db, ctx, r.type, r.id)),
            // Access is settled before the input is read: an empty note shows what access allows
            // (a ValidationError means the person got as far as writing).
            add: await outcome(casework.addNote(h.db, ctx, r.type, r.id, {}, new Date(`${TODAY}T12:00:00Z`))).then((o) => (o.startsWith('error: ValidationError') ? 'allowed' : o)),
          };
          if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${email} on ${r.type}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The trial means something only if some people may, and some may not.
    expect(allowedViews).toBeGreaterThan(5);
    expect(allowedViews).toBeLessThan(ORGS.length * ROLES.length * records.length);
  }, 120_000);
});
