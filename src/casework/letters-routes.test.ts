import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import './tables.ts';

let t: TestApp;
let householdId: string;
let reference: string;
let worker: string;

const documentsOf = (id: string) => t.database.db.selectFrom('document').select(['id', 'category', 'title']).where('record_id', '=', id).execute();

beforeAll(async () => {
  t = await startTestApp();
  // A household of the partnership's that has had its Stage 1 decision.
  const partnership = await t.database.db.selectFrom('organisation').select('id').where('slug', '=', 'west-mercia').executeTakeFirstOrThrow();
  const h = await t.database.db.selectFrom('household').select(['id', 'reference']).where('owner_id', '=', partnership.id)
    .where('stage1_decided_on', 'is not', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
  householdId = h.id;
  reference = h.reference;
  worker = await signIn(t.app, 'social-worker@west-mercia.example');
});
afterAll(() => t.close());

describe('letters', () => {
  it('offers the household\'s letters, and fills the chosen one from the record', async () => {
    const choose = await t.app.inject({ url: `/households/${householdId}/letters/new`, headers: { cookie: worker } });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('Stage 1 decision: go on to Stage 2');
    expect(choose.body).not.toContain('Information pack covering letter');
    const form = await t.app.inject({ url: `/households/${householdId}/letters/new?template=stage-1-proceed`, headers: { cookie: worker } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${reference}"`);
    expect(form.body).toContain('value="West Mercia');
  });

  it('makes a Stage 1 decision letter as a PDF and keeps it with the household\'s documents', async () => {
    const before = (await documentsOf(householdId)).length;
    const form = await t.app.inject({ url: `/households/${householdId}/letters/new?template=stage-1-proceed`, headers: { cookie: worker } });
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
    const made = await submitForm(t.app, worker, `/households/${householdId}/letters/new?template=stage-1-proceed`, {
      template: 'stage-1-proceed', agencyName: value('agencyName'), addressee: value('addressee'), salutation: value('salutation'), reference,
      address: '1 Example Street\nHereford\nHR1 1AA',
      'decidedOn-day': value('decidedOn-day'), 'decidedOn-month': value('decidedOn-month'), 'decidedOn-year': value('decidedOn-year'),
    }, `/households/${householdId}/letters`);
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`/households/${householdId}/documents`);
    const documents = await documentsOf(householdId);
    expect(documents).toHaveLength(before + 1);
    const letter = documents.find((d) => d.title === 'Stage 1 decision: go on to Stage 2')!;
    expect(letter.category).toBe('letter');
    const file = await t.app.inject({ url: `/documents/${letter.id}`, headers: { cookie: worker } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names each missing field and keeps nothing', async () => {
    const before = (await documentsOf(householdId)).length;
    const refused = await submitForm(t.app, worker, `/households/${householdId}/letters/new?template=stage-1-proceed`, { template: 'stage-1-proceed', reference }, `/households/${householdId}/letters`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Enter address');
    expect(refused.body).toContain('href="#decidedOn-day"');
    expect(await documentsOf(householdId)).toHaveLength(before);
  });

  it('is refused, as absent, to someone who may not see the household', async () => {
    const other = await signIn(t.app, 'social-worker@thurrock.example');
    expect((await t.app.inject({ url: `/households/${householdId}/letters/new`, headers: { cookie: other } })).statusCode).toBe(404);
  });
});
