// Documents' pages and API through Fastify's inject, on a real database and a real clamd.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, cookiesFrom, csrfTokenIn, signIn, startTestApp, type TestApp } from '../core/testing/app.ts';
import { eicar } from '../core/testing/clamav.ts';
import * as children from '../children/service.ts';
import { contextOf } from '../core/testing/context.ts';
import { multipart, pdf, png } from './documents-fixtures.ts';
import { testScannerSocket } from '../core/testing/scanner.ts';

let t: TestApp;
let childId: string;
const saved = { ...process.env };
const SW = 'social-worker@herefordshire.example';

const bearer = bearerFor(() => t);

/** Open the documents page as a person and post its upload form with these fields and file. */
async function uploadThroughPage(email: string, fields: Record<string, string>, file?: { name: string; content: Buffer }, url = `/children/${childId}/documents`, action = url) {
  const cookie = await signIn(t.app, email);
  const page = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(page.statusCode).toBe(200);
  const body = multipart({ _csrf: csrfTokenIn(page.body), ...fields }, file);
  const response = await t.app.inject({ method: 'POST', url: action, headers: { cookie: cookiesFrom(page, cookie), 'content-type': body.contentType }, payload: body.payload });
  return { response, cookie: cookiesFrom(response, cookiesFrom(page, cookie)) };
}

async function documentCount() {
  return (await t.database.db.withTables<{ document: { id: string } }>().selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}

beforeAll(async () => {
  testScannerSocket();
  // The routes read the limit when they are registered: 256 KB here, so a file over it is small.
  process.env.DOCUMENT_MAX_BYTES = String(256 * 1024);
  t = await startTestApp();
  childId = await children.create(t.database.db, await contextOf(t.database.db, SW), { firstName: 'Rhys', lastName: 'Routetest', dateOfBirth: '2020-02-02', sex: 'M', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2023-03-03' });
});
afterAll(async () => {
  await t?.close();
  process.env = { ...saved };
});
afterEach(() => {
  for (const key of ['CLAMD_SOCKET', 'MALWARE_SCANNING']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  testScannerSocket();
});

describe('documents pages', () => {
  it('upload a PDF to a child, list it, and download it as an attachment that is audited', async () => {
    const bytes = pdf('Rhys CPR');
    const { response, cookie } = await uploadThroughPage(SW, { category: 'cpr', title: 'CPR for matching panel' }, { name: 'rhys-cpr.pdf', content: bytes });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}/documents`);

    const list = await t.app.inject({ method: 'GET', url: `/children/${childId}/documents`, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('CPR for matching panel was uploaded');
    expect(list.body).toContain('Child permanence report (CPR)');
    expect(list.body).toContain('rhys-cpr.pdf');
    expect(list.body).toContain('type="file"');
    const href = /href="(\/documents\/[0-9a-f-]+)" download>CPR for matching panel/.exec(list.body)?.[1];
    expect(href).toBeDefined();

    const file = await t.app.inject({ method: 'GET', url: href!, headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="rhys-cpr.pdf"; filename*=UTF-8\'\'rhys-cpr.pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(file.rawPayload, bytes)).toBe(0);
    const exported = await t.database.db.selectFrom('audit_event').select('detail').where('action', '=', 'export').where('record_type', '=', 'document').where('record_id', '=', href!.split('/')[2]!).execute();
    expect(exported).toHaveLength(1);
  });

  it('answer 404 to a Shropshire social worker for a Herefordshire child\'s documents, before reading an upload', async () => {
    const { response: up } = await uploadThroughPage(SW, { category: 'letter' }, { name: 'letter.pdf', content: pdf() });
    expect(up.statusCode).toBe(303);
    const cookie = await signIn(t.app, SW);
    const id = /href="\/documents\/([0-9a-f-]+)" download>letter/.exec((await t.app.inject({ method: 'GET', url: `/children/${childId}/documents`, headers: { cookie } })).body)![1]!;

    const other = await signIn(t.app, 'social-worker@shropshire.example');
    for (const url of [`/children/${childId}/documents`, `/documents/${id}`, `/documents/${id}/versions`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: other } })).statusCode, url).toBe(404);
    }
    const before = await documentCount();
    const body = multipart({ category: 'other' }, { name: 'a.pdf', content: pdf() });
    const post = await t.app.inject({ method: 'POST', url: `/children/${childId}/documents`, headers: { cookie: other, 'content-type': body.contentType }, payload: body.payload });
    expect(post.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}`, headers: await bearer('social-worker@shropshire.example') });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(await documentCount()).toBe(before);
  });

  it('refuse malware, a wrong type, a missing category and a file over the limit with a GOV.UK error summary (422), storing nothing', async () => {
    const before = await documentCount();
    const malware = await uploadThroughPage(SW, { category: 'other' }, { name: 'eicar.com', content: eicar() });
    expect(malware.response.statusCode).toBe(422);
    expect(malware.response.body).toContain('govuk-error-summary');
    expect(malware.response.body).toContain('eicar.com contains malware (Eicar-Signature) and was not stored');
    expect(malware.response.body).toContain('href="#file"');

    const wrong = await uploadThroughPage(SW, {}, { name: 'photo.pdf', content: png() });
    expect(wrong.response.statusCode).toBe(422);
    expect(wrong.response.body).toContain('Select the document&#39;s category');
    expect(wrong.response.body).toContain('href="#category"');
    const typed = await uploadThroughPage(SW, { category: 'other' }, { name: 'photo.pdf', content: png() });
    expect(typed.response.body).toContain('photo.pdf is named as a .pdf file but its content is a PNG image');

    const big = await uploadThroughPage(SW, { category: 'other' }, { name: 'big.pdf', content: pdf('big', 256 * 1024 + 1) });
    expect(big.response.statusCode).toBe(422);
    expect(big.response.body).toContain('big.pdf is larger than 256 KB: the file must be 256 KB or smaller');

    const none = await uploadThroughPage(SW, { category: 'other' }, { name: '', content: Buffer.alloc(0) });
    expect(none.response.statusCode).toBe(422);
    expect(none.response.body).toContain('Select a file to upload');
    expect(await documentCount()).toBe(before);
  });

  it('say plainly that nothing was stored when the scanner cannot be reached (503)', async () => {
    process.env.CLAMD_SOCKET = '/nonexistent/clamd.sock';
    const before = await documentCount();
    const { response } = await uploadThroughPage(SW, { category: 'other' }, { name: 'a.pdf', content: pdf() });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('The file was not stored: it cannot be checked for malware just now');
    expect(await documentCount()).toBe(before);
  });

  it('refuse an upload without the form\'s CSRF token', async () => {
    const cookie = await signIn(t.app, SW);
    const body = multipart({ category: 'other' }, { name: 'a.pdf', content: pdf() });
    const response = await t.app.inject({ method: 'POST', url: `/children/${childId}/documents`, headers: { cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(response.statusCode).toBe(403);
  });

  it('add a version on the document\'s page, keeping the earlier one', async () => {
    const first = pdf('first');
    const { cookie } = await uploadThroughPage(SW, { category: 'panel-paper', title: 'Matching report' }, { name: 'matching.pdf', content: first });
    const list = await t.app.inject({ method: 'GET', url: `/children/${childId}/documents`, headers: { cookie } });
    const id = /href="\/documents\/([0-9a-f-]+)" download>Matching report/.exec(list.body)![1]!;
    const second = pdf('second');
    const { response, cookie: after } = await uploadThroughPage(SW, {}, { name: 'matching v2.pdf', content: second }, `/documents/${id}/versions`);
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: `/documents/${id}/versions`, headers: { cookie: after } });
    expect(page.body).toContain('Version 2 of Matching report was uploaded');
    expect(page.body).toContain('matching v2.pdf');
    expect(page.body).toContain('matching.pdf');
    const latest = await t.app.inject({ method: 'GET', url: `/documents/${id}`, headers: { cookie } });
    expect(Buffer.compare(latest.rawPayload, second)).toBe(0);
    const earlier = await t.app.inject({ method: 'GET', url: `/documents/${id}?version=1`, headers: { cookie } });
    expect(Buffer.compare(earlier.rawPayload, first)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/documents/${id}?version=zero`, headers: { cookie } })).statusCode).toBe(404);
    // A version is digits and nothing else.
    for (const loose of ['1e0', '0x1', '%201', '01']) expect((await t.app.inject({ method: 'GET', url: `/documents/${id}?version=${loose}`, headers: { cookie } })).statusCode, loose).toBe(404);
  });
});

describe('documents API', () => {
  it('uploads with multipart (201), lists the latest with its history, and gives the file back', async () => {
    const headers = await bearer(SW);
    const body = multipart({ category: 'medical', sensitive: 'false' }, { name: 'health.pdf', content: pdf('health'), type: 'image/png' });
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/documents`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
    expect(created.statusCode).toBe(201);
    // The client's Content-Type is ignored; medical is sensitive whatever was sent.
    expect(created.json()).toMatchObject({ version: 1, mediaType: 'application/pdf', sensitive: true, title: 'health' });
    const { id } = created.json();
    expect(created.headers.location).toBe(`/api/v1/documents/${id}`);

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/documents`, headers });
    expect(list.statusCode).toBe(200);
    const doc = list.json().documents.find((d: { id: string }) => d.id === id);
    expect(doc).toMatchObject({ category: 'medical', sensitive: true, latest: { version: 1, filename: 'health.pdf', mediaType: 'application/pdf' }, versions: [{ version: 1 }] });

    const file = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}`, headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');

    // A decision maker may see the child but not what is sensitive: the document is missing to them.
    const adm = await bearer('decision-maker@herefordshire.example');
    const theirs = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/documents`, headers: adm })).json();
    expect(theirs.documents.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}`, headers: adm })).statusCode).toBe(404);
  });

  it('refuses bad input with problem JSON naming the fields, and stores nothing', async () => {
    const headers = await bearer(SW);
    const before = await documentCount();
    const send = async (fields: Record<string, string>, file?: { name: string; content: Buffer }) => {
      const body = multipart(fields, file);
      return t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/documents`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
    };
    const empty = await send({ category: 'other' }, { name: 'empty.pdf', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(422);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json().errors).toEqual([{ field: 'file', message: 'empty.pdf is empty' }]);
    const missing = await send({}, { name: 'a.pdf', content: pdf() });
    expect(missing.json().errors).toEqual([{ field: 'category', message: 'Select the document\'s category' }]);
    const malware = await send({ category: 'other' }, { name: 'eicar.txt', content: eicar() });
    expect(malware.json().errors).toEqual([{ field: 'file', message: 'eicar.txt contains malware (Eicar-Signature) and was not stored' }]);
    const notMultipart = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/documents`, headers, payload: { category: 'other' } });
    expect(notMultipart.statusCode).toBe(415);
    process.env.CLAMD_SOCKET = '/nonexistent/clamd.sock';
    const down = await send({ category: 'other' }, { name: 'a.pdf', content: pdf() });
    expect(down.statusCode).toBe(503);
    expect(down.json().detail).toContain('cannot be checked for malware');
    process.env.MALWARE_SCANNING = 'off';
    expect((await send({ category: 'other' }, { name: 'a.pdf', content: pdf() })).statusCode).toBe(201);
    expect(await documentCount()).toBe(before + 1);
  });

  it('refuses an upload from no one (401) and from a panel adviser who may only look (403)', async () => {
    const body = multipart({ category: 'other' }, { name: 'a.pdf', content: pdf() });
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/documents`, headers: { 'content-type': body.contentType }, payload: body.payload });
    expect(anonymous.statusCode).toBe(401);
    const adviser = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/documents`, headers: { ...(await bearer('panel-adviser@herefordshire.example')), 'content-type': body.contentType }, payload: body.payload });
    expect(adviser.statusCode).toBe(403);
  });
});
