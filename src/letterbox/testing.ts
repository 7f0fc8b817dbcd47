// Test support for letterbox contact: fixtures written straight to the database through the
// area's store: a council's child placed for adoption or adopted, an agreement for them with two
// birth relatives, and an exchange at a chosen step.
import type { Role } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { Fixtures } from '../core/testing/fixtures.ts';
import type { Relationship, Subject, World } from '../core/testing/service-matrix.ts';
import type { AgreementDirection, AgreementStatus, ExchangeDirection } from './model.ts';
import * as store from './store.ts';

export interface AgreementFixture {
  id: string;
  childId: string;
  ownerId: string;
  /** The birth relatives: the birth mother, then the birth grandmother. */
  partyIds: string[];
}

export type FixtureStep = 'received' | 'screened' | 'withheld' | 'forwarded' | 'filed';

export class LetterboxFixtures extends Fixtures {
  /**
   * One of the council's children placed for adoption, the order not yet made (the first few, in
   * turn): agreements are made before the order, and after it the child's case record is sealed,
   * birth relatives' names with it (children/policy.ts).
   */
  async placedChild(councilSlug: string): Promise<{ id: string; name: string }> {
    const rows = await this.db.selectFrom('child as c').select(['c.id', 'c.first_name', 'c.last_name']).where('c.placing_authority_id', '=', await this.org(councilSlug))
      .where((eb) => eb.exists(eb.selectFrom('milestone as m').select('m.id').whereRef('m.child_id', '=', 'c.id').where('m.type', '=', 'placed-for-adoption')))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('milestone as m').select('m.id').whereRef('m.child_id', '=', 'c.id').where('m.type', '=', 'adoption-order'))))
      .orderBy('c.la_child_ref').limit(5).execute();
    const c = rows[this.next() % rows.length]!;
    return { id: c.id, name: `${c.first_name} ${c.last_name}` };
  }

  /** A looked-after child of the council not placed for adoption nor adopted. */
  async childInCare(councilSlug: string): Promise<{ id: string }> {
    return this.db.selectFrom('child as c').select('c.id').where('c.placing_authority_id', '=', await this.org(councilSlug)).where('c.looked_after', '=', true)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('milestone as m').select('m.id').whereRef('m.child_id', '=', 'c.id').where('m.type', 'in', ['placed-for-adoption', 'adoption-order']))))
      .orderBy('c.la_child_ref').limit(1).executeTakeFirstOrThrow();
  }

  /** An agreement for a placed child of the council: both ways, March and September by default, from 1 January 2025. */
  async agreement(councilSlug: string, o: { direction?: AgreementDirection; firstMonth?: number; secondMonth?: number | null; startDate?: string; status?: AgreementStatus } = {}): Promise<AgreementFixture> {
    const child = await this.placedChild(councilSlug);
    const ownerId = await this.org(councilSlug);
    const startDate = o.startDate ?? '2025-01-01';
    const id = await store.insertAgreement(this.db, {
      childId: child.id, ownerId, direction: o.direction ?? 'both', firstMonth: o.firstMonth ?? 3, secondMonth: o.secondMonth === undefined ? 9 : o.secondMonth,
      startDate, reviewOn: '2027-01-01', adoptiveFamily: `Sam and Alex ${this.next()}`, createdBy: null,
    });
    await store.insertParties(this.db, id, [{ name: `Leanne Fixture${this.n}`, relationship: 'birth mother' }, { name: `Karen Fixture${this.n}`, relationship: 'birth grandmother' }]);
    await store.insertChange(this.db, id, { changedOn: startDate, status: 'active', reviewOn: '2027-01-01', note: 'Agreement set up', by: null });
    if (o.status && o.status !== 'active') await store.setStatus(this.db, id, { status: o.status, reviewOn: '2027-01-01', activeSince: startDate });
    const partyIds = (await store.partiesOf(this.db, id)).map((p) => p.id);
    return { id, childId: child.id, ownerId, partyIds };
  }

  /** An exchange of the agreement for an occasion, taken to the step. */
  async exchange(a: AgreementFixture, o: { direction?: ExchangeDirection; dueOn?: string; receivedOn?: string; step?: FixtureStep } = {}): Promise<string> {
    const direction = o.direction ?? 'from-birth-family';
    const dueOn = o.dueOn ?? '2026-09-30';
    const receivedOn = o.receivedOn ?? '2026-09-20';
    const id = await store.insertExchange(this.db, { agreementId: a.id, direction, dueOn, receivedOn, fromPartyId: direction === 'from-birth-family' ? a.partyIds[0]! : null, by: null });
    const step = o.step ?? 'received';
    if (step === 'received') return id;
    const withheld = step === 'withheld';
    await store.saveStep(this.db, id, { step: 'screen', screenedOn: '2026-09-25', outcome: withheld ? 'withheld' : 'suitable', redactions: null, withheldReason: withheld ? 'It names the adoptive family\'s town' : null, by: null });
    if (step === 'forwarded' || step === 'filed') await store.saveStep(this.db, id, { step: 'forward', forwardedOn: '2026-09-28', toPartyId: direction === 'to-birth-family' ? a.partyIds[0]! : null, by: null });
    if (step === 'filed') await store.saveStep(this.db, id, { step: 'file', filedOn: '2026-09-29', by: null });
    return id;
  }
}

// ---- the access matrices' subjects ---------------------------------------------------------------
// Own: Herefordshire staff and a Herefordshire child's agreement. Delivered: West Mercia staff (the
// partnership delivers Herefordshire's post-order support). Granted: Shropshire staff holding a
// grant on the agreement. Unrelated: Thurrock staff. Left: Havering staff and a Thurrock child's
// agreement (Havering left the consortium in 2014).

export const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
export const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'thurrock' };
export const TABLES = ['letterbox_agreement', 'letterbox_party', 'letterbox_change', 'letterbox_exchange'];

export interface AgreementSubject extends Subject, AgreementFixture {
  ownerSlug: string;
  /** The exchange made with the agreement, when the subject asks for one. */
  exchangeId: string;
}

const fixturesOf = new WeakMap<Db, LetterboxFixtures>();

/**
 * The person of the role in the relationship, and an agreement of the owner (both ways, March and
 * September: September's letters are late, unless it is paused), with an exchange at the step if asked; shared by
 * relationship unless fresh; the granted person holds a grant on the agreement.
 */
export function agreementSubject(o: { step?: FixtureStep; status?: AgreementStatus } = {}) {
  const shared = new Map<Relationship, Promise<AgreementFixture & { exchangeId: string }>>();
  const granted = new Set<string>();
  const make = async (w: World, ownerSlug: string) => {
    if (!fixturesOf.has(w.db)) fixturesOf.set(w.db, new LetterboxFixtures(w.db));
    const f = fixturesOf.get(w.db)!;
    const a = await f.agreement(ownerSlug, { status: o.status });
    return { ...a, exchangeId: o.step ? await f.exchange(a, { step: o.step }) : '' };
  };
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<AgreementSubject> => {
    const ownerSlug = OWNER[relation];
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make(w, ownerSlug));
    const agreement = f.fresh ? await make(w, ownerSlug) : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${agreement.id}`)) {
      await w.grant(ownerSlug, email, 'letterbox-agreement', agreement.id);
      granted.add(`${email}:${agreement.id}`);
    }
    return { email, ownerSlug, ...agreement };
  };
}
