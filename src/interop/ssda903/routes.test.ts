import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, csrfTokenIn, signIn, startTestApp, type TestApp } from '../../core/testing/app.ts';
import { FILE_NAMES, parseCollectionYear } from './model.ts';
import * as store from './store.ts';
import { writeSyntheticReturn } from './synthetic.ts';

let t: TestApp;
let work: string;

beforeAll(async () => {
  t = await startTestApp();
  work = await mkdtemp(join(tmpdir(), 'mercia-903-routes-'));
  await writeSyntheticReturn(join(work, 'return'), { children: 60, year: parseCollectionYear('2025/26')!, firstChildId: 800001 });
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

/** A multipart/form-data body, as a browser sends the upload form. */
function multipartBody(fields: Record<string, string>, files: { name: string; content: string }[]) {
  const boundary = '----mercia-test-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const f of files) parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="${f.name}"\r\ncontent-type: text/csv\r\n\r\n${f.content}\r\n`);
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(email: string, fields: Record<string, string>, files: { name: string; content: string }[]) {
  const cookie = await signIn(t.app, email);
  const form = await t.app.inject({ method: 'GET', url: '/returns/upload', headers: { cookie } });
  expect(form.statusCode).toBe(200);
  const body = multipartBody({ _csrf: csrfTokenIn(form.body), ...fields }, files);
  const response = await t.app.inject({ method: 'POST', url: '/returns/upload', headers: { cookie: cookiesFrom(form, cookie), 'content-type': body.contentType }, payload: body.payload });
  return { response, cookie: cookiesFrom(form, cookie) };
}

async function returnFiles() {
  const dir = join(work, 'return');
  return Promise.all((await readdir(dir)).map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })));
}

async function finished(runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = await store.findRun(t.database.db, runId);
    if (run && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

describe('returns pages', () => {
  it('are only for the council\'s analysts and administrators', async () => {
    for (const [email, status] of [['analyst@herefordshire.example', 200], ['admin@herefordshire.example', 200], ['social-worker@herefordshire.example', 404], ['admin@west-mercia.example', 404]] as const) {
      const cookie = await signIn(t.app, email);
      const page = await t.app.inject({ method: 'GET', url: '/returns', headers: { cookie } });
      expect(page.statusCode, email).toBe(status);
    }
  });

  it('names the missing fields of an empty upload and keeps nothing', async () => {
    const { response } = await upload('analyst@herefordshire.example', { year: '2025/26' }, []);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Select the return&#39;s files');
    expect(response.body).toContain('Select whether to check the return only');
  });

  it('checks an uploaded return in the background and shows its findings by rule, with a CSV of them', async () => {
    const files = (await returnFiles()).map((f) => (f.name === FILE_NAMES.Episodes ? { ...f, content: f.content.replace(/,(C1|C2|V2),/, ',Q9,') } : f));
    const { response, cookie } = await upload('analyst@herefordshire.example', { year: '2025/26', mode: 'import' }, files);
    expect(response.statusCode).toBe(303);
    const runId = /\/returns\/runs\/([0-9a-f-]+)$/.exec(response.headers.location as string)![1]!;
    const run = await finished(runId);
    expect(run).toMatchObject({ outcome: 'refused', children: 60 });
    expect(run.errors).toBeGreaterThan(0);

    const page = await t.app.inject({ method: 'GET', url: `/returns/runs/${runId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('144');
    const csv = await t.app.inject({ method: 'GET', url: `/returns/runs/${runId}/findings.csv`, headers: { cookie } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('file,line,column,rule,severity,child,message');
    expect(csv.body).toMatch(/episodes\.csv,\d+,LS,144,error,\d+,/);

    // Another council's analyst cannot see it.
    const other = await signIn(t.app, 'analyst@shropshire.example');
    expect((await t.app.inject({ method: 'GET', url: `/returns/runs/${runId}`, headers: { cookie: other } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/returns/runs/${runId}/findings.csv`, headers: { cookie: other } })).statusCode).toBe(404);
  });

  it('imports a good return and downloads the exported tables', async () => {
    const { response, cookie } = await upload('analyst@herefordshire.example', { year: '2025/26', mode: 'import' }, await returnFiles());
    const runId = /\/returns\/runs\/([0-9a-f-]+)$/.exec(response.headers.location as string)![1]!;
    expect(await finished(runId)).toMatchObject({ outcome: 'imported', errors: 0 });
    const header = await t.app.inject({ method: 'GET', url: `/returns/export/2025-26/${FILE_NAMES.Header}`, headers: { cookie } });
    expect(header.statusCode).toBe(200);
    expect(header.body.split('\n')[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    expect(header.body).toContain('\n800001,');
    const scorecard = await t.app.inject({ method: 'GET', url: '/children/scorecard', headers: { cookie } });
    expect(scorecard.statusCode).toBe(200);
    expect(scorecard.body).toContain('Herefordshire');
  });
});

describe('the upload', () => {
  it('takes files only as uploaded parts: a JSON body naming a path on the server is refused', async () => {
    const cookie = await signIn(t.app, 'analyst@herefordshire.example');
    const form = await t.app.inject({ method: 'GET', url: '/returns/upload', headers: { cookie } });
    const response = await t.app.inject({
      method: 'POST', url: '/returns/upload', headers: { cookie: cookiesFrom(form, cookie), 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: csrfTokenIn(form.body), year: '2025/26', mode: 'validate', files: [{ name: 'x', path: '/etc/passwd' }] }),
    });
    expect(response.statusCode).toBe(415);
    expect(await t.database.db.selectFrom('ssda903_run').select('id').where('files', '@>', JSON.stringify(['x']) as never).execute()).toEqual([]);
  });

  it('refuses staff who may not import before reading any of the upload', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    // A body that is not even valid multipart: were it read before the refusal, the answer
    // would be a parsing error, not 404.
    const response = await t.app.inject({
      method: 'POST', url: '/returns/upload', headers: { cookie, 'content-type': 'multipart/form-data; boundary=nothing-here' }, payload: 'not multipart at all',
    });
    expect(response.statusCode).toBe(404);
    const analyst = await signIn(t.app, 'analyst@herefordshire.example');
    const read = await t.app.inject({
      method: 'POST', url: '/returns/upload', headers: { cookie: analyst, 'content-type': 'multipart/form-data; boundary=nothing-here' }, payload: 'not multipart at all',
    });
    expect(read.statusCode).not.toBe(404);
  });
});
