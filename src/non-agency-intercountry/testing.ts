// Test support for non-agency and inter-country adoptions: fixtures written straight to the
// database through the area's store. A non-agency case of a council at a chosen stage (notice
// only; applied with a court report due; closed with an order), and an inter-country case
// approved with its papers not yet sent to the DfE.
import { Fixtures } from '../core/testing/fixtures.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from '../demo/names.ts';
import * as store from './store.ts';

export class AdoptionFixtures extends Fixtures {
  private name(tag: string): string {
    const n = this.next();
    return `${GIVEN_NAMES[n % GIVEN_NAMES.length]!} ${FAMILY_NAMES[n % FAMILY_NAMES.length]!}-${tag}${n}`;
  }

  /**
   * A step-parent adoption in the council: notice received 2026-05-01 (may apply from 2026-08-01),
   * the child living with the applicant since 2024; with `applied`, an application on 2026-09-01
   * and a report due on `reportDueOn`; with `closed`, an order made.
   */
  async nonAgency(councilSlug: string, o: { applied?: boolean; reportDueOn?: string; closed?: boolean; noticeReceivedOn?: string } = {}) {
    const childName = this.name('Child');
    const id = await store.insertNonAgency(this.db, {
      councilId: await this.org(councilSlug), applicant1Name: this.name('Applicant'), applicant2Name: null, relationship: 'step-parent', childName,
      childDateOfBirth: '2016-04-12', noticeReceivedOn: o.noticeReceivedOn ?? '2026-05-01', residenceStartedOn: '2024-02-01',
    }, null);
    if (o.applied || o.closed) {
      await store.setNonAgencyFields(this.db, id, { appliedOn: '2026-09-01', court: 'Family Court at Hereford', courtCaseNumber: `HR26P0${this.n}`, reportRequestedOn: '2026-09-15', reportDueOn: o.reportDueOn ?? '2026-12-01' });
    }
    if (o.closed) await store.setNonAgencyFields(this.db, id, { reportFiledOn: '2026-10-20', outcome: 'order-made', outcomeOn: '2026-11-10' });
    return { id, childName };
  }

  /** An inter-country case in the council, approved on 2026-10-01 with its papers not yet sent to the DfE. */
  async intercountry(councilSlug: string) {
    const applicant = this.name('Applicant');
    const id = await store.insertIntercountry(this.db, { councilId: await this.org(councilSlug), applicant1Name: applicant, applicant2Name: null, country: 'Philippines', hague: true, enquiryOn: '2025-09-01' }, null);
    await store.setIntercountryFields(this.db, id, {
      assessmentProvider: 'Intercountry Adoption Centre', assessmentCommissionedOn: '2025-10-01', assessmentCompletedOn: '2026-06-01', panelOn: '2026-09-10', decision: 'approved', decisionOn: '2026-10-01',
    });
    return { id, applicant };
  }
}
