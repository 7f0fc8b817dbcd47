// The access matrix through the service (docs/architecture.md, decision 007). A matrix over the pure rule cannot see a
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
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access.ts';
import { startTestApp, TEST_TODAY, type TestApp } from './app.ts';
import { RELATIONSHIPS, REFUSALS, World, type Ask, type AreaDefinition, type CallInfo, type Method, type Outcome, type Refusal, type RefusedRequest, type Relationship, type RouteCase, type RouteRequest, type Row, type Subject, type SubjectMaker } from './matrix-world.ts';

export { asks, World, type Outcome, type Relationship, type Subject } from './matrix-world.ts';

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
    // `export { a, b } from './other.ts'`: the service's use cases kept in a file of their own.
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const there = exportedFunctions(join(dirname(path), statement.moduleSpecifier.text));
      for (const e of statement.exportClause.elements) {
        const f = there.get((e.propertyName ?? e.name).text);
        if (f) found.set(e.name.text, f);
      }
      continue;
    }
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
const CASEWORK_ROUTE = /\/:id\/(notes|notes\/new|chronology|chronology\.pdf|documents|letters|letters\/new)$/;

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

  /** A case. A case that shows a fault fails the suite until the service is fixed: none is skipped. */
  private test(title: string, body: () => Promise<void>): void {
    it(title, body);
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
          // Casework (notes, chronology, documents, letters) serves every registered record type
          // under that record's address; it asks the area's own policy, and its access is tried
          // role by role against each record type in src/casework/access.test.ts and the
          // documents and letters tests, not in each area's matrix.
          const mine = registeredRoutes(this.w.t).filter((r) => def.routes!.prefixes.some((p) => r.split(' ')[1]!.startsWith(p)) && !CASEWORK_ROUTE.test(r));
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

    it('every case has a title of its own', () => {
      const all = [
        ...this.rows.flatMap((row, i) => this.casesOf(row, i).map((c) => c.title)),
        ...this.routeCases.flatMap((route) => [...[route.allowed].flat(), ...refusedOf(route)].map((r) => this.routeTitle(route, r))),
      ];
      expect(all.filter((t, i) => all.indexOf(t) !== i), 'titles given twice (label one of the rows)').toEqual([]);
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
