// An enquiry that may be from someone who enquired before: the public form and API answer exactly
// as for anyone (they reveal nothing), and the enquiry's page warns the front door, with links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, csrfTokenIn, FORM, formBody, signIn, startTestApp, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;
let ipSerial = 0;
const freshIp = () => `10.9.${Math.floor(++ipSerial / 250)}.${(ipSerial % 250) + 1}`;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
});
afterAll(() => t.close());

const fields = { firstName: 'Orla', lastName: 'Askedbefore', email: 'orla.asked@example.com', phone: '01632 960077', councilCode: 'E06000019', heardFrom: 'website', consent: 'yes' };

async function postForm(f: Record<string, string>) {
  const ip = freshIp();
  const page = await t.app.inject({ method: 'GET', url: '/enquire', remoteAddress: ip });
  return t.app.inject({ method: 'POST', url: '/enquire', remoteAddress: ip, headers: { cookie: cookiesFrom(page), ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), ...f }) });
}

const idsOf = async (email: string) =>
  (await t.database.db.selectFrom('enquiry').select('id').where('email', '=', email).orderBy('created_at').execute()).map((r) => r.id);

describe('an enquiry from someone who enquired before', () => {
  it('is answered as any other, and flagged on its page for the front door with a link to the earlier one', async () => {
    const firstAnswer = await postForm(fields);
    const again = await postForm(fields);
    expect([firstAnswer.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(again.headers.location).toBe(firstAnswer.headers.location);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/enquiries', remoteAddress: freshIp(), payload: { ...fields, consent: true } });
    expect(api.statusCode).toBe(201);
    expect(Object.keys(api.json())).toEqual(['id']);

    const [earlier, , latest] = await idsOf(fields.email);
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const page = await t.app.inject({ method: 'GET', url: `/enquiries/${latest}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This may be the same person as 2 other enquiries');
    expect(page.body).toContain(`href="/enquiries/${earlier}"`);
    expect(page.body).toContain('Same email address');
  });
});
