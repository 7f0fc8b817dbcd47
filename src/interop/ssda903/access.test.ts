// SSDA903 returns: every service function and route, for each relationship of a person to a
// council's return. The return is the council's own statutory return about its own children.
// Own: Herefordshire's analysts and administrators, on Herefordshire's return. Delivered: West
// Mercia's, whose partnership delivers every function for Herefordshire today: the council stays
// responsible for its return, so they get nothing. Granted: Shropshire's, holding a grant on one
// of Herefordshire's children: no grant opens a return (a return is not a record anyone can be
// granted). Unrelated: Shropshire's, without one. Left: the Thurrock consortium's, and the
// return of Havering, which left it in April 2014.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import * as children from '../../children/service.ts';
import type { Role } from '../../core/access.ts';
import { TEST_TODAY } from '../../core/testing/app.ts';
import { asks, serviceMatrix, type Relationship, type Subject, type World } from '../../core/testing/service-matrix.ts';
import { FILE_NAMES, parseCollectionYear } from './model.ts';
import { returnPolicy } from './policy.ts';
import type { ReturnFile } from './reader.ts';
import * as returns from './service.ts';
import * as store from './store.ts';
import { writeSyntheticReturn } from './synthetic.ts';

const YEAR = parseCollectionYear('2025/26')!;
const COUNCIL_DATA: Role[] = ['analyst', 'admin'];

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const COUNCIL: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };
const CODES: Record<string, string> = { herefordshire: 'E06000019', havering: 'E09000016' };

let work: string;
let files: ReturnFile[];
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mercia-903-access-'));
  await writeSyntheticReturn(join(work, 'return'), { children: 3, year: YEAR });
  files = (await readdir(join(work, 'return'))).sort().map((name) => ({ name, path: join(work, 'return', name) }));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface ReturnSubject extends Subject {
  council: store.Council;
  /** A run of the council's, with a finding. */
  runId: string;
}

const runs = new Map<string, Promise<string>>();
const granted = new Set<string>();
async function subject(relation: Relationship, role: Role, w: World): Promise<ReturnSubject> {
  const slug = COUNCIL[relation];
  const council = (await store.findCouncil(w.db, slug))!;
  if (!runs.has(slug)) {
    runs.set(slug, (async () => {
      const runId = await store.insertRun(w.db, { councilId: council.id, collectionYear: YEAR.label, mode: 'validate', files: ['header.csv'], startedBy: null });
      await store.insertFindings(w.db, runId, 1, [{ file: 'header.csv', line: 2, column: 'UPN', rule: '141', severity: 'error', message: 'Matrix finding', child: '100001' }]);
      await store.finishRun(w.db, runId, { status: 'done', outcome: 'invalid', children: 1, errors: 1, warnings: 0 });
      return runId;
    })());
  }
  const email = w.email(role, PERSON_IN[relation]);
  if (relation === 'granted' && !granted.has(email)) {
    const childId = await children.create(w.db, await w.ctx(w.email('social-worker', slug)), {
      firstName: 'Matrix', lastName: `Returned${w.next()}`, dateOfBirth: '2021-05-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: CODES[slug]!, enteredCare: '2024-02-01',
    });
    await w.grant(slug, email, 'child', childId);
    granted.add(email);
  }
  return { email, council, runId: await runs.get(slug)! };
}

/** Wait for background runs (an upload's) to finish, so they write nothing during the next case. */
async function runsFinished(_s: ReturnSubject, w: World): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const running = await w.db.selectFrom('ssda903_run').select('id').where('status', '=', 'running').execute();
    if (running.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the upload\'s run did not finish');
}

const OWN_ONLY = { own: ['allowed', '404'], delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;

const m = serviceMatrix({
  area: 'ssda903',
  service: returns,
  source: 'src/interop/ssda903/service.ts',
  policies: [returnPolicy],
  tables: ['ssda903_run', 'ssda903_finding', 'child', 'care_episode', 'milestone', 'child_adoption'],
  subject,
  exempt: { mayUseReturns: 'whether the navigation shows Returns: the view-runs rule on the person\'s own council, which ownCouncil and runsFor (rows below) apply' },
  routes: { prefixes: ['/returns'] },
});

m.row({
  fn: 'runReturn', asks: asks(returnPolicy, 'import'), roles: COUNCIL_DATA, refused: 'social-worker', cases: OWN_ONLY, writes: true,
  call: (svc, ctx, s) => svc.runReturn(m.w.db, ctx, { council: s.council, year: YEAR, files, mode: 'validate', today: TEST_TODAY }),
});
m.row({
  fn: 'exportReturn', asks: asks(returnPolicy, 'export'), roles: COUNCIL_DATA, refused: 'team-manager', cases: OWN_ONLY,
  call: async (svc, ctx, s) => svc.exportReturn(m.w.db, ctx, { council: s.council, year: YEAR, dir: await mkdtemp(join(work, 'export-')) }),
  verify: async (_o, _r, _s, w, info) => expect(await w.auditSeq(), 'the export is audited').toBeGreaterThan(info.since),
});
m.row({
  fn: 'ownCouncil', asks: asks(returnPolicy, 'import'), roles: COUNCIL_DATA, refused: 'social-worker',
  cases: {
    own: ['allowed', '404'],
    // A partnership has no return of its own, whatever it delivers for its councils.
    delivered: '404',
    granted: { na: 'it answers for the person\'s own council alone: a grant elsewhere plays no part' },
    unrelated: { na: 'it answers for the person\'s own council alone: no one is unrelated to it' },
    left: '404',
  },
  call: (svc, ctx) => svc.ownCouncil(m.w.db, ctx),
  verify: (_o, r, s) => expect((r as store.Council).id).toBe(s.council.id),
});
m.row({ fn: 'runsFor', asks: asks(returnPolicy, 'view-runs'), roles: COUNCIL_DATA, refused: 'decision-maker', cases: OWN_ONLY, call: (svc, ctx, s) => svc.runsFor(m.w.db, ctx, s.council) });
m.row({ fn: 'runFor', asks: asks(returnPolicy, 'view-runs'), roles: COUNCIL_DATA, refused: 'social-worker', cases: OWN_ONLY, call: (svc, ctx, s) => svc.runFor(m.w.db, ctx, s.runId) });
m.row({
  fn: 'viewRun', asks: asks(returnPolicy, 'view-runs'), roles: COUNCIL_DATA, refused: 'family-finder', cases: OWN_ONLY,
  call: (svc, ctx, s) => svc.viewRun(m.w.db, ctx, s.runId, { limit: 10, offset: 0 }),
  verify: (_o, r) => expect((r as Awaited<ReturnType<typeof returns.viewRun>>).findings.map((f) => f.message)).toEqual(['Matrix finding']),
});
m.row({ fn: 'runFindings', asks: asks(returnPolicy, 'view-runs'), roles: COUNCIL_DATA, refused: 'social-worker', cases: OWN_ONLY, call: (svc, ctx, s) => svc.runFindings(m.w.db, ctx, s.runId) });

// ---- routes --------------------------------------------------------------------------------------

const analyst = { relation: 'own', role: 'analyst' } as const;
const partnership = { relation: 'delivered', role: 'analyst', status: 404 } as const;

m.route({ route: 'GET /returns', allowed: analyst, refused: partnership, url: () => '/returns', marker: (s) => s.runId });
m.route({ route: 'GET /returns/903/rules', allowed: analyst, refused: { relation: 'own', role: 'social-worker', status: 404 }, url: () => '/returns/903/rules?year=2026' });
m.route({ route: 'GET /returns/upload', allowed: { relation: 'own', role: 'admin' }, refused: { relation: 'own', role: 'social-worker', status: 404 }, url: () => '/returns/upload' });
m.route({
  route: 'POST /returns/upload', writes: true, allowed: analyst, refused: [partnership, { relation: 'left', role: 'admin', status: 404 }], url: () => '/returns/upload',
  multipart: async () => ({ fields: { year: YEAR.label, mode: 'validate' }, files: await Promise.all(files.map(async (f) => ({ field: 'files', name: f.name, content: await readFile(f.path, 'utf8') }))) }),
  settle: runsFinished,
});
m.route({ route: 'GET /returns/runs/:id', allowed: analyst, refused: { relation: 'granted', role: 'analyst', status: 404 }, url: (s) => `/returns/runs/${s.runId}` });
m.route({ route: 'GET /returns/runs/:id/progress', allowed: { relation: 'own', role: 'admin' }, refused: { relation: 'unrelated', role: 'admin', status: 404 }, url: (s) => `/returns/runs/${s.runId}/progress` });
m.route({ route: 'GET /returns/runs/:id/findings.csv', allowed: analyst, refused: partnership, url: (s) => `/returns/runs/${s.runId}/findings.csv`, marker: () => 'Matrix finding' });
m.route({ route: 'GET /returns/export', allowed: analyst, refused: { relation: 'own', role: 'team-manager', status: 404 }, url: () => '/returns/export' });
m.route({
  route: 'GET /returns/export/:year/:file', allowed: { relation: 'own', role: 'admin' }, refused: [partnership, { relation: 'left', role: 'analyst', status: 404 }],
  url: () => `/returns/export/2025-26/${FILE_NAMES.Header}`,
});

m.run();
