// The world the service matrix runs in (service-matrix.ts): the relationships a person can
// have to a record, the outcomes a case expects, what a row and a route case declare, and one
// seeded demo per test file with its people, their contexts and sign-ins, and the fingerprint of
// the tables that tells whether a refused action wrote anything.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import * as staffService from '../../staff/service.ts';
import * as staffStore from '../../staff/store.ts';
import type { RequestContext, Role } from '../access.ts';
import type { Db } from '../db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Policy } from '../policy.ts';
import { cookiesFrom, csrfTokenIn, FORM, formBody, signIn, TEST_TODAY, type TestApp } from './app.ts';
import { contextOf } from './context.ts';


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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
    const row = await this.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    return Number(row.id ?? 0);
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
      select (select count(*) from audit_event where id > ${since} and (record_id = ${id} or detail::text like ${`%${id}%`}))
           + (select count(*) from audit_event_link where event_id > ${since} and record_id = ${id}) as n`.execute(this.db);
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

