// The history the replay loads, against a real database: a partnership of its own (two councils,
// one joining later, family finding pooled from a date), with children, a sibling group placed
// together, a plan reversed, and households owned by a council, by the partnership and by an
// agency outside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { poolingHistory } from './pooling-store.ts';
import '../adopters/tables.ts';
import '../matching/tables.ts';

let database: DatabaseHandle;
const ids: Record<string, string> = {};

async function org(slug: string, kind: 'local-authority' | 'partnership' | 'agency', code: string | null = null) {
  ids[slug] = (await database.db.insertInto('organisation').values({ kind, name: slug, slug, code }).returning('id').executeTakeFirstOrThrow()).id;
}

let refs = 0;
async function child(slug: string, council: string, dob: string, shobpa: string | null, extra: { group?: string; po?: string; needs?: string[]; reversed?: string } = {}) {
  const { id } = await database.db.insertInto('child').values({
    placing_authority_id: ids[council]!, la_child_ref: `R${++refs}`, first_name: slug, last_name: 'Test', date_of_birth: dob, sex: 'F', ethnicity: 'WBRI',
    shobpa_date: shobpa, placement_order_date: extra.po ?? null, sibling_group_id: extra.group ? ids[extra.group]! : null,
  }).returning('id').executeTakeFirstOrThrow();
  ids[slug] = id;
  for (const [position, category] of (extra.needs ?? []).entries()) await database.db.insertInto('child_need').values({ child_id: id, category, position }).execute();
  if (extra.reversed) await database.db.insertInto('milestone').values({ child_id: id, type: 'plan-reversed', date: extra.reversed, code: 'RD1' }).execute();
}

async function household(ref: string, owner: string, home: string | null, approvedOn: string, extra: { status?: string; leftOn?: string } = {}) {
  const { id } = await database.db.insertInto('household').values({
    owner_id: ids[owner]!, home_council_id: home ? ids[home]! : null, reference: ref, status: extra.status ?? 'approved', approved_on: approvedOn, left_on: extra.leftOn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  ids[ref] = id;
  await database.db.insertInto('approval_terms').values({
    household_id: id, min_children: 1, max_children: 2, min_age: 0, max_age: 5, sibling_group: true, developmental_delay: 'cannot', learning_disability: 'low',
    physical_disability: 'low', medical_conditions: 'medium', fasd: 'high', family_mental_illness: 'high', family_substance_misuse: 'high', ongoing_contact: 'low',
  }).execute();
}

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await org('pool-p', 'partnership');
  await org('pool-a', 'local-authority', 'E06000019');
  await org('pool-b', 'local-authority', 'E06000051');
  await org('pool-c', 'local-authority', 'E06000020');
  await org('pool-vaa', 'agency');
  await db.insertInto('membership').values([
    { partnership_id: ids['pool-p']!, member_id: ids['pool-a']!, kind: 'member', joined_on: '2015-01-01', left_on: null },
    { partnership_id: ids['pool-p']!, member_id: ids['pool-b']!, kind: 'member', joined_on: '2023-06-01', left_on: null },
    // Left before the window: not in the replay.
    { partnership_id: ids['pool-p']!, member_id: ids['pool-c']!, kind: 'member', joined_on: '2015-01-01', left_on: '2020-01-01' },
  ]).execute();
  await db.insertInto('operating_model_entry').values([
    { partnership_id: ids['pool-p']!, member_id: ids['pool-a']!, function_code: 'family-finding', effective_on: '2015-01-01', delivered_by: 'member', provider_id: null },
    { partnership_id: ids['pool-p']!, member_id: ids['pool-a']!, function_code: 'family-finding', effective_on: '2024-04-01', delivered_by: 'partnership', provider_id: null },
    { partnership_id: ids['pool-p']!, member_id: ids['pool-a']!, function_code: 'recruitment', effective_on: '2015-01-01', delivered_by: 'partnership', provider_id: null },
  ]).execute();
  ids['pool-g'] = (await db.insertInto('sibling_group').values({ placing_authority_id: ids['pool-a']!, name: 'Test siblings', decision: 'together', decision_date: '2024-02-01' })
    .returning('id').executeTakeFirstOrThrow()).id;
  await child('ann', 'pool-a', '2021-03-01', '2024-02-10', { needs: ['learning-disability', 'attachment'] });
  await child('bea', 'pool-b', '2020-05-05', null, { po: '2024-05-01' });
  // The group: one sibling ready before the window, the other in it: ready when the last is.
  await child('gus', 'pool-a', '2019-01-01', '2023-11-20', { group: 'pool-g' });
  await child('gia', 'pool-a', '2021-01-01', '2024-03-03', { group: 'pool-g' });
  await child('ray', 'pool-a', '2020-01-01', '2024-04-04', { reversed: '2024-09-09' });
  await child('old', 'pool-a', '2018-01-01', '2023-06-01');
  await child('none', 'pool-a', '2018-01-01', null);
  await child('cid', 'pool-c', '2021-01-01', '2024-02-02');
  await household('PH1', 'pool-a', 'pool-a', '2024-01-15');
  await household('PH2', 'pool-p', 'pool-b', '2024-03-01', { status: 'withdrawn', leftOn: '2024-10-01' });
  await household('PH3', 'pool-p', null, '2024-05-01');
  await household('PH4', 'pool-vaa', 'pool-a', '2024-05-01');
  await household('PH5', 'pool-a', 'pool-a', '2023-12-01');
});
afterAll(() => database?.close());

describe('the pooling history', () => {
  it('reads the members in the window, their family finding, the children ready and the households approved', async () => {
    const { councils, history } = await poolingHistory(database.db, ids['pool-p']!, '2024-01-01', '2024-12-31');
    expect(councils.map((c) => c.name)).toEqual(['pool-a', 'pool-b']);
    expect(history.memberships).toEqual([{ councilId: ids['pool-a'], joinedOn: '2015-01-01', leftOn: null }, { councilId: ids['pool-b'], joinedOn: '2023-06-01', leftOn: null }]);
    // Recruitment is not family finding: only family finding's entries are read.
    expect(history.familyFinding).toEqual([
      { councilId: ids['pool-a'], effectiveOn: '2015-01-01', byPartnership: false }, { councilId: ids['pool-a'], effectiveOn: '2024-04-01', byPartnership: true },
    ]);

    const subjects = new Map(history.subjects.map((s) => [s.id, s]));
    expect([...subjects.keys()].sort()).toEqual([ids.ann, ids.bea, ids['pool-g'], ids.ray].sort());
    const ann = subjects.get(ids.ann!)!;
    // Needs the households' tolerances ask about are kept (attachment is not one of them).
    expect(ann.children[0]).toMatchObject({ needs: ['learningDisability'], waitingSince: '2024-02-10', councilCode: 'E06000019', dateOfBirth: '2021-03-01' });
    expect(subjects.get(ids.bea!)).toMatchObject({ readyOn: '2024-05-01', leavesOn: null });
    const group = subjects.get(ids['pool-g']!)!;
    expect(group.readyOn).toBe('2024-03-03');
    expect(group.children.map((c) => [c.name, c.waitingSince]).sort()).toEqual([['gia', '2024-03-03'], ['gus', '2023-11-20']]);
    expect(subjects.get(ids.ray!)!.leavesOn).toBe('2024-09-09');

    const households = new Map(history.households.map((h) => [h.reference, h]));
    expect([...households.keys()]).toEqual(['PH1', 'PH2', 'PH3']);
    expect(households.get('PH1')).toMatchObject({ councilId: ids['pool-a'], partnershipOwned: false, leavesOn: null });
    // The partnership's household counts for the council it lives in when each council is alone.
    expect(households.get('PH2')).toMatchObject({ councilId: ids['pool-b'], partnershipOwned: true, leavesOn: '2024-10-01', homeCouncilName: 'pool-b' });
    expect(households.get('PH3')).toMatchObject({ councilId: null, partnershipOwned: true });
    expect(households.get('PH1')!.terms).toMatchObject({ minChildren: 1, maxChildren: 2, maxAge: 5, siblingGroup: true, tolerances: { developmentalDelay: 'cannot', fasd: 'high' } });
  });
});
