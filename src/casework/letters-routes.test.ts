import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import './tables.ts';

let t: TestApp;
let householdId: string;
let reference: string;
let worker: string;
const as = bearerFor(() => t);

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

  it('keeps a decision letter as a sensitive document, made only by those who may read it back', async () => {
    const letter = (await t.database.db.selectFrom('document').select(['sensitive']).where('record_id', '=', householdId).where('category', '=', 'letter').execute())[0]!;
    expect(letter.sensitive).toBe(true);
    // A recruitment officer keeps the household's details but may not see its sensitive documents.
    const officer = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const choose = await t.app.inject({ url: `/households/${householdId}/letters/new`, headers: { cookie: officer } });
    expect(choose.body).not.toContain('Stage 1 decision: go on to Stage 2');
    expect((await t.app.inject({ url: `/households/${householdId}/letters/new?template=stage-1-proceed`, headers: { cookie: officer } })).statusCode).toBe(403);
  });

  it('refuses a decision dated after today, a review deadline before the decision and an over-long field, naming each', async () => {
    const headers = await as('social-worker@west-mercia.example');
    const common = { agencyName: 'West Mercia Adoption Partnership', addressee: 'A Person', address: '1 Road', salutation: 'A', reference };
    const answer = async (template: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/households/${householdId}/letters`, headers, payload: { template, fields: { ...common, ...fields } } });
    const future = await answer('stage-1-proceed', { decidedOn: '2099-01-01' });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ field: 'decidedOn', message: expect.stringContaining('today or earlier') }]);
    const backwards = await answer('adm-not-suitable', { panelDate: '2026-10-01', decidedOn: '2026-11-01', respondBy: '2026-10-15', reasons: 'Reasons.' });
    expect(backwards.json().errors).toEqual([{ field: 'respondBy', message: expect.stringContaining('after the date of the decision') }]);
    const long = await answer('stage-1-not-proceed', { decidedOn: '2026-11-01', reasons: 'x'.repeat(750_000) });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([{ field: 'reasons', message: expect.stringContaining('6,000 characters or fewer') }]);
  });

  it('is refused, as absent, to someone who may not see the household', async () => {
    const other = await signIn(t.app, 'social-worker@thurrock.example');
    expect((await t.app.inject({ url: `/households/${householdId}/letters/new`, headers: { cookie: other } })).statusCode).toBe(404);
  });
});
