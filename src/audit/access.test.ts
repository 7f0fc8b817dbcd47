// The audit log: search, for each relationship of the searching administrator to an event. The
// log is searched only for the searcher's own organisation (there is no searching another's), so
// the relationship is the event's to the searcher. The event: a West Mercia family finder
// worked on a Herefordshire child (viewed it; or a list of theirs showed it). Own: Herefordshire's
// administrator, whose record it is. Delivered: West Mercia's administrator, whose staff did it
// (delivering Herefordshire's family finding). Granted: Shropshire's administrator holding a grant
// on the child: a grant opens the child, not its trail. Unrelated: Shropshire's administrator
// without one. Left: Havering's administrator, and an event of the Thurrock consortium's council
// Thurrock (Havering left the consortium in April 2014).
import { expect } from 'vitest';
import * as children from '../children/service.ts';
import type { Role } from '../core/access.ts';
import { asks, serviceMatrix, type Outcome, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { auditEventPolicy, auditPolicy } from './policy.ts';
import * as audit from './service.ts';

const SEARCHER_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'thurrock' };
/** Who does it: the partnership's family finder, on a Herefordshire child; Thurrock's own social worker on a Thurrock child. */
const DOER: Record<string, string> = { herefordshire: 'family-finder@west-mercia.example', thurrock: 'social-worker@thurrock.example' };
const CODES: Record<string, string> = { herefordshire: 'E06000019', thurrock: 'E06000034' };

interface EventSubject extends Subject {
  childId: string;
  /** The event the row is about. */
  seq: number;
}

/** A fresh child, and one event on it: a view of it, or a list that showed it. */
function eventSubject(kind: 'view' | 'list') {
  return async (relation: Relationship, role: Role, w: World): Promise<EventSubject> => {
    const owner = OWNER[relation];
    const lastName = `Audited${w.next()}`;
    const childId = await children.create(w.db, await w.ctx(w.email('social-worker', owner)), {
      firstName: 'Matrix', lastName, dateOfBirth: '2021-05-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: CODES[owner]!, enteredCare: '2024-02-01',
    });
    const doer = await w.ctx(DOER[owner]!);
    if (kind === 'view') await children.view(w.db, doer, childId);
    else expect((await children.list(w.db, doer, { q: lastName })).items.map((c) => c.id)).toEqual([childId]);
    const seq = await w.auditSeq();
    const email = w.email(role, SEARCHER_IN[relation]);
    if (relation === 'granted') await w.grant(owner, email, 'child', childId);
    return { email, childId, seq };
  };
}

type Shown = Awaited<ReturnType<typeof audit.search>>['rows'][number];
function verifyShown(o: Outcome, r: unknown, s: EventSubject) {
  const row = (r as Awaited<ReturnType<typeof audit.search>>).rows.find((x: Shown) => x.id === s.seq);
  if (o === 'not shown') return expect(row).toBeUndefined();
  expect(row).toBeDefined();
  // In full: its own record and its detail. Touched: that it happened, and which of the searcher's records it touched; no more.
  if (o === 'shown in full') expect(row!.detail !== null || row!.recordId !== null).toBe(true);
  else expect(row).toMatchObject({ recordId: null, detail: null, records: [{ type: 'child', id: s.childId }] });
}

const m = serviceMatrix({
  area: 'audit',
  service: audit,
  source: 'src/audit/service.ts',
  policies: [auditPolicy, auditEventPolicy],
  tables: [],
  subject: eventSubject('view'),
  contextFree: { verify: 'checks the hash chain of the whole log, for the operator\'s command line: no person, no record' },
  exempt: { maySearchAudit: 'whether the navigation shows the audit log: the search rule, which search (rows below) applies' },
  routes: { prefixes: ['/audit', '/api/v1/audit-events'] },
});

m.row({
  fn: 'search', label: 'an event on the record', asks: asks(auditPolicy, 'search').concat(asks(auditEventPolicy, 'view')), roles: ['admin'], refused: 'team-manager', subject: eventSubject('view'),
  cases: { own: ['shown in full', '403'], delivered: ['shown in full', '403'], granted: 'not shown', unrelated: 'not shown', left: 'not shown' },
  call: (svc, ctx, s) => svc.search(m.w.db, ctx, { recordId: s.childId }),
  verify: (o, r, s) => verifyShown(o, r, s),
});
m.row({
  fn: 'search', label: 'a list that showed it', asks: asks(auditEventPolicy, 'view-touched'), roles: ['admin'], refused: 'analyst', subject: eventSubject('list'),
  // The partnership's list showed Herefordshire's child: Herefordshire sees that it did, not what else it showed or searched for.
  cases: { own: ['shown without detail', '403'], delivered: ['shown in full', '403'], granted: 'not shown', unrelated: 'not shown', left: 'not shown' },
  call: (svc, ctx, s) => svc.search(m.w.db, ctx, { recordId: s.childId }),
  verify: (o, r, s) => verifyShown(o, r, s),
});

// The search writes its own audit event (who searched what), so a refusal is checked by the log not growing.
m.route({ route: 'GET /audit', allowed: { relation: 'own', role: 'admin' }, refused: { relation: 'own', role: 'team-manager', status: 403 }, url: (s) => `/audit?recordId=${s.childId}` });
m.route({ route: 'GET /api/v1/audit-events', allowed: { relation: 'delivered', role: 'admin' }, refused: { relation: 'delivered', role: 'social-worker', status: 403 }, url: (s) => `/api/v1/audit-events?recordId=${s.childId}`, marker: (s) => String(s.seq) });

m.run();
