// The access matrix through the service (DESIGN.md §7). A matrix over the pure rule cannot see a
// service that forgot to ask it, so every case here calls the real service function, as a real
// demo person, on a real record of the seeded demo, and checks the answer: allowed, or refused
// (404: they may not see the record; 403: they may see it but not do this) with nothing written.
//
// One row is one exported service function asking one policy action. Its cases are the
// relationships of the person to the record (own organisation, the organisation that delivers
// the function for the owner today, a grant, an unrelated organisation, an organisation that has
// left the partnership), each for a role the policy allows (the representative rotates through
// the allowed roles) and, where that role is allowed, for one role it does not allow. Which roles
// an action admits is checked once per policy by a pure test (access-matrix.ts), not multiplied
// here. Each route of the area gets one request through Fastify for an allowed and a refused
// relationship. Coverage is a test: an exported service function with no row (and no stated
// reason to have none), a policy action no row asks, or a route with no request fails the suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as staffService from '../../staff/service.ts';
import * as staffStore from '../../staff/store.ts';
import type { RequestContext, Role } from '../access.ts';
import type { Db } from '../db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Policy } from '../policy.ts';
import { cookiesFrom, csrfTokenIn, FORM, formBody, signIn, startTestApp, TEST_TODAY, type TestApp } from './app.ts';
import { contextOf } from './context.ts';

// ---- known faults ---------------------------------------------------------------------------
// A case that shows a real access fault in a service or a route (a refusal expected but the
// action allowed, or a write on refusal) stays written as it should be, and is listed here with
// the fault until the service is fixed: it is then skipped, named "KNOWN FAULT", so the suite
// stays green while the fault is visible (MATRIX_KNOWN_FAULTS=run runs them: each should fail).
// An entry that names no case fails the suite.

export interface KnownFault {
  area: string;
  /** The cases' titles, exactly as the matrix names them. */
  titles: string[];
  issue: string;
}

export const KNOWN_FAULTS: readonly KnownFault[] = [];

// ---- relationships and outcomes ---------------------------------------------------------------

export const RELATIONSHIPS = ['own', 'delivered', 'granted', 'unrelated', 'left'] as const;
/**
 * The person's relationship to the record: their own organisation owns it; their organisation
 * delivers the function for the owner today (the operating model); they hold a grant on it; their
 * organisation has nothing to do with it; their organisation has left the partnership it is in
 * (or it has left theirs).
 */
export type Relationship = (typeof RELATIONSHIPS)[number];

export const REFUSALS = { '404': NotFoundError, '403': ForbiddenError, '422': ValidationError } as const;
export type Refusal = keyof typeof REFUSALS;
/** A refusal (nothing may be written), 'allowed', or a named answer the row's `verify` checks (e.g. 'listed'). */
export type Outcome = Refusal | 'allowed' | (string & Record<never, never>);

/** One relationship's expectation: for the allowed roles alone, for [allowed, refused] roles, or why the relationship cannot arise. */
export type Cell = Outcome | readonly [Outcome, Outcome] | { na: string };

export interface Ask {
  resource: string;
  action: string;
}

/** The policy actions a row asks, type-checked against the policy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function asks<A extends string>(policy: Policy<any, A>, ...actions: A[]): Ask[] {
  return actions.map((action) => ({ resource: policy.resource, action }));
}

/** Who acts in a case, on what: the person (by email) and whatever records the row needs. */
export interface Subject {
  email: string;
  /** The day the person acts on (default TEST_TODAY). */
  today?: string;
}

export type SubjectMaker<S extends Subject> = (relation: Relationship, role: Role, w: World, o: { fresh: boolean }) => Promise<S>;

export interface CallInfo {
  /** The last audit event before the call. */
  since: number;
}

export interface Row<M, S extends Subject> {
  /** The exported service function the row calls (checked: the case fails if it is not called). */
  fn: keyof M & string;
  /** Tells apart two rows of one function (in every case's title). */
  label?: string;
  /** The policy actions it asks; a string names a rule that is not a policy action. */
  asks: Ask[] | string;
  /** The roles the action allows: each relationship's case takes the next as its representative. */
  roles: readonly Role[];
  /** One role the action does not allow, tried where the allowed roles are allowed. */
  refused?: Role;
  cases: Record<Relationship, Cell>;
  /** The function changes data: each case gets a fresh record, and an allowed case must write. */
  writes?: boolean;
  subject?: SubjectMaker<S>;
  call: (svc: M, ctx: RequestContext, s: S, w: World) => unknown;
  /** Checks an allowed answer (every outcome that is not a refusal). */
  verify?: (outcome: Outcome, result: unknown, s: S, w: World, info: CallInfo) => Promise<void> | void;
  /** More people in a relationship, beyond the representative: each its own case. */
  variants?: { label: string; relation: Relationship; role: Role; outcome: Outcome; subject?: SubjectMaker<S> }[];
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  relation: Relationship;
  role: Role;
  /** The status expected (allowed: GET 200, API POST 201, PATCH 200, PUT and DELETE 204, page forms 303). */
  status?: number;
}

export interface Multipart {
  fields: Record<string, string>;
  files: { field: string; name: string; content: string }[];
}

/** A refusal: 404, 403, 422 (a choice on a form the person may not make), or 200 for a list that leaves the record out. */
export type RefusedRequest = RouteRequest & { status: 403 | 404 | 422 | 200 };

export interface RouteCase<S extends Subject> {
  /** Method and path as the route is registered, e.g. `GET /children/:id`. */
  route: `${Method} /${string}`;
  allowed: RouteRequest | RouteRequest[];
  /** The refused requests, or why none can be (a page about the person's own account alone). */
  refused: RefusedRequest | RefusedRequest[] | { na: string };
  url: (s: S) => string;
  /** Text (a record's id) an allowed answer shows and a refused one must not (nor the audit log of a refused list name it). */
  marker?: (s: S) => string;
  /** JSON for the API, form fields for pages (the CSRF token is added). */
  body?: (s: S, w: World) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Instead of `body`, a multipart upload: fields and files (the CSRF token is added). */
  multipart?: (s: S, w: World) => Multipart | Promise<Multipart>;
  /** Wait for work an allowed request leaves running (a background run) to finish, so it writes nothing during the next case. */
  settle?: (s: S, w: World) => Promise<void>;
  writes?: boolean;
  subject?: SubjectMaker<S>;
}

export interface AreaDefinition<M, S extends Subject> {
  area: string;
  /** The service module, as `import * as service`. */
  service: M;
  /** Its source, from the project root, read to see which exports take a RequestContext. */
  source: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  policies: Policy<any, any>[];
  /** The tables the area writes: a refusal must leave each as it was (rows and a hash of them), and the audit log too. */
  tables: string[];
  /** The default subject: the person of the role in the relationship, and the record. */
  subject: SubjectMaker<S>;
  /** Exports that take no RequestContext, and why they have no row (public, command line, a label…). Checked: none may take one. */
  contextFree?: Record<string, string>;
  /** Exports that take a RequestContext but have no row, and why. */
  exempt?: Record<string, string>;
  routes?: {
    /** Paths of the area's routes start with one of these. */
    prefixes: string[];
    /** Routes with no request, and why (public pages, …). */
    exempt?: Record<string, string>;
  };
}

// ---- the world: one seeded demo per test file ---------------------------------------------------

export class World {
  private readonly staffIds = new Map<string, string>();
  private readonly tokens = new Map<string, string>();
  private readonly sessions = new Map<string, { cookie: string; csrf: string }>();
  private counter = 0;

  constructor(readonly t: TestApp, private readonly orgs: Map<string, string>) {}

  get db(): Db {
    return this.t.database.db;
  }

  /** The organisation's id, by its demo slug. */
  org(slug: string): string {
    const id = this.orgs.get(slug);
    if (!id) throw new Error(`no demo organisation ${slug}`);
    return id;
  }

  /** The demo person of a role in an organisation. */
  email(role: Role, slug: string): string {
    return `${role}@${slug}.example`;
  }

  async staffId(email: string): Promise<string> {
    if (!this.staffIds.has(email)) {
      const person = await staffStore.findStaffByEmail(this.db, email);
      if (!person) throw new Error(`no staff member ${email}`);
      this.staffIds.set(email, person.id);
    }
    return this.staffIds.get(email)!;
  }

  /** The person's access context, loaded afresh (grants made since are in it). */
  ctx(email: string, today = TEST_TODAY): Promise<RequestContext> {
    return contextOf(this.db, email, today);
  }

  /** A number for unique names and references within the file. */
  next(): number {
    return ++this.counter;
  }

  /** Grant one person access to one record, as the owning organisation's administrator would. */
  async grant(ownerSlug: string, email: string, recordType: string, recordId: string): Promise<string> {
    const admin = await this.ctx(this.email('admin', ownerSlug));
    return staffService.grantAccess(this.db, admin, { staffId: await this.staffId(email), recordType, recordId, reason: 'Access matrix', validFrom: TEST_TODAY });
  }

  async auditSeq(): Promise<number> {
    const row = await this.db.selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    return Number(row.seq ?? 0);
  }

  /**
   * Each table's row count and an order-free hash of its rows' versions (the transaction that
   * wrote each row's current version: any committed insert or update changes it, even one that
   * writes the same values; a delete changes the count), and the last audit event.
   */
  async fingerprint(tables: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    if (tables.length) {
      const union = sql.join(tables.map((table) => sql`select ${table} as t, count(*)::text as n, coalesce(sum(xmin::text::bigint), 0)::text as h from ${sql.table(table)}`), sql` union all `);
      const { rows } = await sql<{ t: string; n: string; h: string }>`${union}`.execute(this.db);
      for (const r of rows) out[r.t] = `${r.n}:${r.h}`;
    }
    out.audit_event = String(await this.auditSeq());
    return out;
  }

  /** How many audit events since `since` name the record, in their own record, their detail or their links. */
  async auditMentions(since: number, id: string): Promise<number> {
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from audit_event where seq > ${since} and (record_id = ${id} or detail::text like ${`%${id}%`}))
           + (select count(*) from audit_event_link where seq > ${since} and record_id = ${id}) as n`.execute(this.db);
    return Number(rows[0]!.n);
  }

  // ---- through Fastify --------------------------------------------------------------------------

  /** `Authorization: Bearer …` for the person (a token made once, as the command line does). */
  async bearer(email: string): Promise<Record<string, string>> {
    if (!this.tokens.has(email)) this.tokens.set(email, (await staffService.createToken(this.db, await this.staffId(email), { label: 'access matrix' }, null)).token);
    return { authorization: `Bearer ${this.tokens.get(email)}` };
  }

  /** A signed-in session for the person, and a CSRF token of it (from the sign-out form every page carries). */
  async session(email: string): Promise<{ cookie: string; csrf: string }> {
    if (!this.sessions.has(email)) {
      let cookie = await signIn(this.t.app, email);
      const home = await this.t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
      if (home.statusCode !== 200) throw new Error(`the home page answered ${home.statusCode} to ${email}`);
      cookie = cookiesFrom(home, cookie);
      this.sessions.set(email, { cookie, csrf: csrfTokenIn(home.body) });
    }
    return this.sessions.get(email)!;
  }

  /** One request as the person: the API with their token, a page with their session (forms with its CSRF token). */
  async request(email: string, method: Method, url: string, body?: Record<string, unknown>, multipart?: Multipart): Promise<LightMyRequestResponse> {
    if (url.startsWith('/api/')) {
      return this.t.app.inject({ method, url, headers: await this.bearer(email), ...(body ? { payload: body } : {}) });
    }
    const { cookie, csrf } = await this.session(email);
    if (method === 'GET') return this.t.app.inject({ method, url, headers: { cookie } });
    if (multipart) {
      const boundary = '----access-matrix-boundary';
      const parts = Object.entries({ _csrf: csrf, ...multipart.fields }).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      for (const f of multipart.files) parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: text/csv\r\n\r\n${f.content}\r\n`);
      return this.t.app.inject({ method, url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `${parts.join('')}--${boundary}--\r\n` });
    }
    const fields = Object.fromEntries(Object.entries(body ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    return this.t.app.inject({ method, url, headers: { cookie, ...FORM }, payload: formBody({ _csrf: csrf, ...fields }) });
  }
}

// ---- the matrix -------------------------------------------------------------------------------------

interface Case<S extends Subject> {
  title: string;
  relation: Relationship;
  role: Role;
  outcome: Outcome;
  subject: SubjectMaker<S>;
}

const isRefusal = (o: Outcome): o is Refusal => o in REFUSALS;
/** A fingerprint's tables alone (an allowed change must write to one, not just to the audit log). */
const tablesOf = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'audit_event'));
const askText = (a: Ask[] | string) => (typeof a === 'string' ? a : a.map((x) => `${x.resource}:${x.action}`).join(', '));

/** Wrap each function of the module so a case can tell which were called. */
function tracked<M extends object>(module: M, calls: Set<string>): M {
  return Object.fromEntries(Object.entries(module).map(([name, value]) => [name, typeof value === 'function'
    ? (...args: unknown[]) => {
      calls.add(name);
      return (value as (...a: unknown[]) => unknown)(...args);
    }
    : value])) as M;
}

/** The module's exported functions, from its source: whether each takes a RequestContext. */
export function exportedFunctions(path: string): Map<string, { takesContext: boolean }> {
  const text = readFileSync(join(process.cwd(), path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = new Map<string, { takesContext: boolean }>();
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const takes = (params: ts.NodeArray<ts.ParameterDeclaration>) => params.some((p) => p.type !== undefined && /\bRequestContext\b/.test(p.type.getText(file)));
  for (const statement of file.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) found.set(statement.name.text, { takesContext: takes(statement.parameters) });
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
          found.set(d.name.text, { takesContext: takes(d.initializer.parameters) });
        }
      }
    }
  }
  return found;
}

/** The routes the app registered, as `METHOD /path` (HEAD left out), from Fastify's own route tree. */
export function registeredRoutes(t: TestApp): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const segment = m[2]!;
    // A radix tree: each node's text continues its parent's path (`/enquiries/:id/roi` → `-decision`).
    const path = depth === 0 ? segment : `${stack[depth - 1]!}${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim()).filter((x) => x && x !== 'HEAD')) routes.push(`${method} ${path}`);
  }
  return routes;
}

function refusedOf<S extends Subject>(route: RouteCase<S>): RefusedRequest[] {
  return 'na' in route.refused ? [] : [route.refused].flat();
}

function defaultStatus(method: Method, url: string): number {
  if (method === 'GET') return 200;
  if (!url.startsWith('/api/')) return 303;
  return { POST: 201, PATCH: 200, PUT: 204, DELETE: 204 }[method];
}

export class ServiceMatrix<M extends object, S extends Subject> {
  private readonly rows: Row<M, S>[] = [];
  private readonly routeCases: RouteCase<S>[] = [];
  private world?: World;

  constructor(private readonly def: AreaDefinition<M, S>) {}

  /** The seeded demo (available inside tests). */
  get w(): World {
    if (!this.world) throw new Error('the world exists only while the tests run');
    return this.world;
  }

  row<T extends S = S>(row: Row<M, T>): this {
    this.rows.push(row as unknown as Row<M, S>);
    return this;
  }

  route<T extends S = S>(route: RouteCase<T>): this {
    this.routeCases.push(route as unknown as RouteCase<S>);
    return this;
  }

  /** Every case of a row: the allowed roles in each relationship, and the refused role where they are allowed. */
  private casesOf(row: Row<M, S>, index: number): Case<S>[] {
    const subject = row.subject ?? this.def.subject;
    const name = row.label ? `${row.fn} (${row.label})` : row.fn;
    const cases: Case<S>[] = [];
    RELATIONSHIPS.forEach((relation, i) => {
      const cell = row.cases[relation];
      if (typeof cell === 'object' && 'na' in cell) return;
      const [allowed, refused] = typeof cell === 'string' ? [cell, undefined] : cell;
      const role = row.roles[(i + index) % row.roles.length]!;
      cases.push({ title: `${name} / ${relation} / ${role} → ${allowed}`, relation, role, outcome: allowed, subject });
      if (refused !== undefined) {
        if (!row.refused) throw new Error(`${this.def.area} ${row.fn}: a refused outcome needs a refused role`);
        cases.push({ title: `${name} / ${relation} / ${row.refused} → ${refused}`, relation, role: row.refused, outcome: refused, subject });
      }
    });
    for (const v of row.variants ?? []) cases.push({ title: `${name} / ${v.relation}: ${v.label} / ${v.role} → ${v.outcome}`, relation: v.relation, role: v.role, outcome: v.outcome, subject: v.subject ?? subject });
    return cases;
  }

  private routeTitle(route: RouteCase<S>, r: RouteRequest): string {
    const [method, path] = route.route.split(' ') as [Method, string];
    return `${route.route} / ${r.relation} / ${r.role} → ${r.status ?? defaultStatus(method, path)}`;
  }

  private fault(title: string): KnownFault | undefined {
    return KNOWN_FAULTS.find((f) => f.area === this.def.area && f.titles.includes(title));
  }

  /** A case, or (for a known fault) the case skipped and named; MATRIX_KNOWN_FAULTS=run runs them, to see that they still fail. */
  private test(title: string, body: () => Promise<void>): void {
    const fault = this.fault(title);
    if (fault && process.env.MATRIX_KNOWN_FAULTS !== 'run') it.skip(`${title} — KNOWN FAULT: ${fault.issue}`, body);
    else it(title, body);
  }

  /** Declare the tests: one seeded demo, the cases of every row and route, and the coverage checks. */
  run(): void {
    const def = this.def;
    const calls = new Set<string>();
    const svc = tracked(def.service, calls);

    describe(`${def.area}: access through the service`, () => {
      beforeAll(async () => {
        const t = await startTestApp({ today: TEST_TODAY });
        const orgs = new Map((await t.database.db.selectFrom('organisation').select(['id', 'slug']).execute()).map((o) => [o.slug, o.id] as const));
        this.world = new World(t, orgs);
      }, 120_000);
      afterAll(async () => {
        await this.world?.t.close();
      });

      describe('coverage', () => this.coverageTests());

      this.rows.forEach((row, index) => {
        describe(`${row.label ? `${row.fn}, ${row.label}` : row.fn} (asks ${askText(row.asks)})`, () => {
          for (const c of this.casesOf(row, index)) {
            this.test(c.title, async () => {
              const w = this.w;
              const s = await c.subject(c.relation, c.role, w, { fresh: row.writes === true });
              const ctx = await w.ctx(s.email, s.today);
              // The tables are fingerprinted where something must (or must not) be written; a read needs only the log's place.
              const before = isRefusal(c.outcome) || row.writes ? await w.fingerprint(def.tables) : { audit_event: String(await w.auditSeq()) };
              const since = Number(before.audit_event);
              calls.clear();
              const result = await Promise.resolve().then(() => row.call(svc, ctx, s, w)).then((value) => ({ value }), (error: unknown) => ({ error }));
              expect([...calls], 'the row calls the service function it names').toContain(row.fn);
              if (isRefusal(c.outcome)) {
                if (!('error' in result)) expect.fail(`${row.fn} should refuse ${s.email} (${c.outcome}: ${REFUSALS[c.outcome].name}) but allowed it`);
                expect(result.error).toBeInstanceOf(REFUSALS[c.outcome]);
                expect(await w.fingerprint(def.tables), 'a refusal writes nothing').toEqual(before);
                return;
              }
              if ('error' in result) throw result.error;
              if (row.writes && c.outcome === 'allowed') expect(tablesOf(await w.fingerprint(def.tables)), 'an allowed change is written').not.toEqual(tablesOf(before));
              await row.verify?.(c.outcome, result.value, s, w, { since });
            });
          }
        });
      });

      describe('routes: one request each through Fastify', () => {
        for (const route of this.routeCases) {
          const [method, path] = route.route.split(' ') as [Method, string];
          const requests = [...[route.allowed].flat().map((r) => ({ ...r, refused: false })), ...refusedOf(route).map((r) => ({ ...r, refused: true }))];
          for (const r of requests) {
            this.test(this.routeTitle(route, r), async () => {
              const w = this.w;
              const s = await (route.subject ?? def.subject)(r.relation, r.role, w, { fresh: route.writes === true });
              const url = route.url(s);
              const body = route.body ? await route.body(s, w) : undefined;
              const multipart = route.multipart ? await route.multipart(s, w) : undefined;
              // A bearer token's use is recorded on it by the sign-in check, whatever the route does.
              const tables = url.startsWith('/api/') ? def.tables.filter((t) => t !== 'api_token') : def.tables;
              // Sign in (and make tokens) before the fingerprint: that is not the request's doing.
              if (url.startsWith('/api/')) await w.bearer(s.email);
              else await w.session(s.email);
              if (s.today) w.t.setToday(s.today);
              try {
                const before = await w.fingerprint(tables);
                const response = await w.request(s.email, method, url, body, multipart);
                if (!r.refused) await route.settle?.(s, w);
                const status = r.status ?? defaultStatus(method, path);
                expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
                const marker = route.marker?.(s);
                if (r.refused && status === 200) {
                  // A list that leaves the record out: not on the page, nor named in the log of what it showed.
                  expect(marker, 'a refusal by omission needs a marker').toBeDefined();
                  expect(response.body).not.toContain(marker);
                  expect(await w.auditMentions(Number(before.audit_event), marker!), 'the audit log names no record the list hid').toBe(0);
                } else if (r.refused) {
                  expect(await w.fingerprint(tables), 'a refusal writes nothing').toEqual(before);
                } else {
                  if (marker) expect(response.body).toContain(marker);
                  if (route.writes) expect(tablesOf(await w.fingerprint(tables)), 'an allowed change is written').not.toEqual(tablesOf(before));
                }
              } finally {
                w.t.setToday(TEST_TODAY);
              }
            });
          }
        }
      });

      if (def.routes) {
        it('every route of the area has a request for an allowed and a refused relationship, or a stated reason for none', () => {
          const mine = registeredRoutes(this.w.t).filter((r) => def.routes!.prefixes.some((p) => r.split(' ')[1]!.startsWith(p)));
          expect(mine.length, 'the route tree was read').toBeGreaterThan(0);
          const requested = new Set(this.routeCases.map((r) => r.route));
          const exempt = def.routes!.exempt ?? {};
          expect(mine.filter((r) => !requested.has(r as RouteCase<S>['route']) && !(r in exempt)), 'routes with no request').toEqual([]);
          expect([...requested, ...Object.keys(exempt)].filter((r) => !mine.includes(r)), 'requests or exemptions for routes that do not exist').toEqual([]);
        });
      }
    });
  }

  private coverageTests(): void {
    const def = this.def;
    const exports = Object.entries(def.service as object).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    const rowFns = new Set(this.rows.map((r) => r.fn));
    const contextFree = def.contextFree ?? {};
    const exempt = def.exempt ?? {};

    it('every exported service function has a row, or a stated reason to have none', () => {
      expect(exports.filter((f) => !rowFns.has(f as keyof M & string) && !(f in contextFree) && !(f in exempt)), 'exports with no row and no exemption').toEqual([]);
      expect([...rowFns, ...Object.keys(contextFree), ...Object.keys(exempt)].filter((f) => !exports.includes(f)), 'rows or exemptions naming no export').toEqual([]);
      expect(Object.keys({ ...contextFree, ...exempt }).filter((f) => rowFns.has(f as keyof M & string)), 'exempt functions that have rows').toEqual([]);
      for (const [fn, reason] of Object.entries({ ...contextFree, ...exempt })) expect(reason.length, `the reason ${fn} has no row`).toBeGreaterThan(10);
    });

    it('no function that takes a RequestContext is listed as context-free', () => {
      const source = exportedFunctions(def.source);
      for (const f of exports) expect(source.has(f), `${f} is found in ${def.source}`).toBe(true);
      expect(Object.keys(contextFree).filter((f) => source.get(f)?.takesContext), 'context-free functions that take a RequestContext').toEqual([]);
      expect(Object.keys(exempt).filter((f) => !source.get(f)?.takesContext), 'exempt functions that take no RequestContext (list them as context-free)').toEqual([]);
    });

    it('every action of the area\'s policies is asked by a row', () => {
      const asked = new Set(this.rows.flatMap((r) => (typeof r.asks === 'string' ? [] : r.asks.map((a) => `${a.resource}:${a.action}`))));
      const actions = def.policies.flatMap((p) => p.actions.map((a: string) => `${p.resource}:${a}`));
      expect(actions.filter((a) => !asked.has(a)), 'policy actions no row asks').toEqual([]);
      expect([...asked].filter((a) => !actions.includes(a)), 'rows asking actions no policy has').toEqual([]);
    });

    it('every row states every relationship, and a refused role where it has refused outcomes', () => {
      for (const row of this.rows) {
        expect(Object.keys(row.cases).sort(), `${row.fn}`).toEqual([...RELATIONSHIPS].sort());
        expect(row.roles.length, `${row.fn} has allowed roles`).toBeGreaterThan(0);
        if (row.refused) expect(row.roles, `${row.fn}: the refused role is not an allowed one`).not.toContain(row.refused);
      }
    });

    it('every case has a title of its own, and every known fault of the area names one', () => {
      const all = [
        ...this.rows.flatMap((row, i) => this.casesOf(row, i).map((c) => c.title)),
        ...this.routeCases.flatMap((route) => [...[route.allowed].flat(), ...refusedOf(route)].map((r) => this.routeTitle(route, r))),
      ];
      const titles = new Set(all);
      expect(all.filter((t, i) => all.indexOf(t) !== i), 'titles given twice (label one of the rows)').toEqual([]);
      expect(KNOWN_FAULTS.filter((f) => f.area === def.area).flatMap((f) => f.titles).filter((t) => !titles.has(t))).toEqual([]);
    });
  }
}

export function serviceMatrix<M extends object, S extends Subject>(def: AreaDefinition<M, S>): ServiceMatrix<M, S> {
  return new ServiceMatrix(def);
}

/** Expect an answer to list (or not) a record, and a list that hides it not to name it in the audit log either. */
export async function expectListed(outcome: Outcome, ids: readonly string[], id: string, w: World, info: CallInfo): Promise<void> {
  if (outcome === 'listed') return expect(ids).toContain(id);
  expect(outcome).toBe('not listed');
  expect(ids).not.toContain(id);
  expect(await w.auditMentions(info.since, id), 'the audit log names no record the list hid').toBe(0);
}
