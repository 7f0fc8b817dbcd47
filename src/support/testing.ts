// Test support for support after adoption: fixtures written straight to the database: an adopted
// child of a council (with an adoption order on a chosen day), and a support case for one with a
// request, a completed assessment that offered support, an assessment still open (overdue), and
// an application awaiting the fund's decision.
import { Fixtures } from '../core/testing/fixtures.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from '../demo/names.ts';
import * as store from './store.ts';

export class SupportFixtures extends Fixtures {
  /** A child of the council, adopted on `orderOn` (placed six months before). */
  async child(councilSlug: string, orderOn = '2025-06-02'): Promise<{ id: string; name: string }> {
    const n = this.next();
    const [first, last] = [GIVEN_NAMES[n % GIVEN_NAMES.length]!, `${FAMILY_NAMES[n % FAMILY_NAMES.length]!}-Support${n}`];
    const { id } = await this.db.insertInto('child').values({
      placing_authority_id: await this.org(councilSlug), la_child_ref: `SUP${n}${Date.now() % 100000}`, first_name: first, last_name: last, date_of_birth: '2019-03-14',
      sex: 'F', ethnicity: 'WBRI', stage: 'adopted', looked_after: false, placed_date: '2024-12-02',
    }).returning('id').executeTakeFirstOrThrow();
    await this.db.insertInto('milestone').values([
      { child_id: id, type: 'placed-for-adoption', date: '2024-12-02', code: 'A5' },
      { child_id: id, type: 'adoption-order', date: orderOn, code: 'E11' },
    ]).execute();
    return { id, name: `${first} ${last}` };
  }

  /** A case for a new adopted child of the council, the family living in `residenceSlug` (the same council unless given). */
  async supportCase(councilSlug: string, o: { residenceSlug?: string; orderOn?: string } = {}) {
    const child = await this.child(councilSlug, o.orderOn);
    const caseId = await store.insertCase(this.db, { childId: child.id, householdId: null, residenceCouncilId: await this.org(o.residenceSlug ?? councilSlug), openedOn: '2026-08-01', openedBy: null });
    await store.insertRequest(this.db, caseId, { receivedOn: '2026-08-01', askedBy: 'Adoptive parent', askedFor: 'Therapy for trauma' }, null);
    const assessmentId = await store.insertAssessment(this.db, caseId, '2026-08-10', null);
    await store.completeAssessment(this.db, assessmentId, { completedOn: '2026-10-01', outcome: 'support-offered', summary: 'Therapy agreed.' });
    const openAssessmentId = await store.insertAssessment(this.db, caseId, '2026-09-01', null);
    const applicationId = await store.insertApplication(this.db, caseId, {
      assessmentId, kind: 'therapy', therapyType: 'Theraplay', provider: 'Malvern Family Therapies', amountPence: 150000, matchFundedPence: 0, financialYear: 2026, endsOn: '2027-03-01', appliedOn: '2026-10-15',
    }, null);
    return { caseId, childId: child.id, childName: child.name, assessmentId, openAssessmentId, applicationId };
  }
}
