// Test support for birth family support: fixtures written straight to the database: a child of a
// council with a placement order, and a case for a birth relative (linked to such a child, or
// naming the child by first name only) with a referral, an accepted offer, an offer with no answer
// yet and a session.
import type { Db } from '../core/db.ts';
import { ADULT_WOMEN, FAMILY_NAMES, GIVEN_NAMES } from '../demo/names.ts';
import * as store from './store.ts';

export class BirthFamilyFixtures {
  private n = 0;
  private readonly orgs = new Map<string, string>();

  constructor(readonly db: Db) {}

  async org(slug: string): Promise<string> {
    if (!this.orgs.has(slug)) this.orgs.set(slug, (await this.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    return this.orgs.get(slug)!;
  }

  /** A child of the council with a placement order. */
  async child(councilSlug: string): Promise<{ id: string; name: string }> {
    const n = ++this.n;
    const [first, last] = [GIVEN_NAMES[n % GIVEN_NAMES.length]!, `${FAMILY_NAMES[n % FAMILY_NAMES.length]!}-Birth${n}`];
    const { id } = await this.db.insertInto('child').values({
      placing_authority_id: await this.org(councilSlug), la_child_ref: `BFS${n}${Date.now() % 100000}`, first_name: first, last_name: last, date_of_birth: '2021-05-14',
      sex: 'M', ethnicity: 'WBRI', stage: 'placement-order', looked_after: true,
    }).returning('id').executeTakeFirstOrThrow();
    await this.db.insertInto('milestone').values({ child_id: id, type: 'placement-order', date: '2025-09-01', code: 'order' }).execute();
    return { id, name: `${first} ${last}` };
  }

  /** A case of the council's, for the birth mother of a new child of theirs (or of a child named only by first name). */
  async birthFamilyCase(councilSlug: string, o: { linked?: boolean; receivedOn?: string } = {}) {
    const n = ++this.n;
    const child = o.linked === false ? null : await this.child(councilSlug);
    const [givenName, familyName] = [ADULT_WOMEN[n % ADULT_WOMEN.length]!, `${FAMILY_NAMES[(n + 7) % FAMILY_NAMES.length]!}-Relative${n}`];
    const receivedOn = o.receivedOn ?? '2026-08-03';
    const caseId = await store.insertCase(this.db, {
      ownerId: await this.org(councilSlug), childId: child?.id ?? null, childFirstName: child ? null : 'Ella', childBirthYear: child ? null : 2020,
      givenName, familyName, dateOfBirth: '1998-02-11', relationship: 'birth-mother', openedOn: receivedOn, openedBy: null,
    });
    const referralId = await store.insertReferral(this.db, caseId, { receivedOn, referredBy: 'childs-social-worker', reason: 'Placement order made; mother asked for support.', consentToShare: true }, null);
    const acceptedOfferId = await store.insertOffer(this.db, caseId, { madeOn: '2026-08-10', kind: 'counselling' }, null);
    await store.answerOffer(this.db, acceptedOfferId, { answer: 'accepted', answeredOn: '2026-08-20' });
    const openOfferId = await store.insertOffer(this.db, caseId, { madeOn: '2026-09-01', kind: 'support-group' }, null);
    const sessionId = await store.insertSession(this.db, caseId, { heldOn: '2026-09-10', kind: 'one-to-one', minutes: 60, note: 'Talked about the placement order.' }, null);
    return { caseId, childId: child?.id ?? null, childName: child?.name ?? null, name: `${givenName} ${familyName}`, givenName, familyName, referralId, acceptedOfferId, openOfferId, sessionId };
  }
}
