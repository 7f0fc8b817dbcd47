// Hand-made records for the reports' tests, on an empty migrated database: two councils (Avon
// and Brent) in a partnership, an analyst and a social worker in each, and children, households
// and enquiries written straight to their tables with exactly the dates a test needs, so every
// figure can be worked out by hand. (The areas' own services are tested elsewhere; a report only
// reads what they write.)
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import { contextOf } from '../../core/testing/context.ts';
import type { ReportScope } from '../report.ts';

export const TODAY = '2026-11-23';

export class ReportFixtures {
  private n = 0;
  avon = '';
  brent = '';
  partnership = '';

  constructor(readonly db: Db) {}

  async setUp(): Promise<this> {
    const org = async (kind: string, name: string, slug: string, code: string | null, hostId: string | null = null) =>
      (await this.db.insertInto('organisation').values({ kind, name, slug, code, host_id: hostId } as never).returning('id').executeTakeFirstOrThrow()).id;
    this.avon = await org('local-authority', 'Avon', 'avon', 'E06000901');
    this.brent = await org('local-authority', 'Brent', 'brent', 'E06000902');
    this.partnership = await org('partnership', 'Test Partnership', 'test-partnership', null, this.avon);
    for (const id of [this.avon, this.brent]) {
      await this.db.insertInto('membership').values({ partnership_id: this.partnership, member_id: id, kind: 'member', joined_on: '2010-04-01' } as never).execute();
    }
    for (const [slug, id] of [['avon', this.avon], ['brent', this.brent], ['test-partnership', this.partnership]] as const) {
      for (const role of ['analyst', 'social-worker', 'team-manager'] as const) {
        const staff = await this.db.insertInto('staff').values({ email: `${role}@${slug}.example`, display_name: `${role} ${slug}`, organisation_id: id } as never).returning('id').executeTakeFirstOrThrow();
        await this.db.insertInto('staff_role').values({ staff_id: staff.id, role } as never).execute();
      }
    }
    return this;
  }

  ctx(email: string, today = TODAY): Promise<RequestContext> {
    return contextOf(this.db, email, today);
  }

  scope(from: string, to: string, councils: 'both' | 'avon' = 'both'): ReportScope {
    return { councilIds: councils === 'both' ? [this.avon, this.brent] : [this.avon], partnershipId: councils === 'both' ? this.partnership : undefined, period: { from, to, label: `${from} to ${to}` } };
  }

  /** A child of the council with the milestones given (type → date, or [date, code]). */
  async child(councilId: string, o: {
    born?: string; ethnicity?: string; disabled?: boolean; sex?: string; siblingGroupId?: string | null; enteredCare?: string;
    milestones?: [type: string, date: string, code?: string | null, householdId?: string | null][];
    episodes?: { start: string; rne?: string; ls?: string; place?: string; end?: string; rec?: string }[];
    waitingReasons?: string[];
  } = {}): Promise<string> {
    const n = ++this.n;
    const { id } = await this.db.insertInto('child').values({
      placing_authority_id: councilId, la_child_ref: `T${n}`, first_name: `Child${n}`, last_name: 'Fixture', date_of_birth: o.born ?? '2022-01-01',
      sex: o.sex ?? 'M', ethnicity: o.ethnicity ?? 'WBRI', disabled: o.disabled ?? false, sibling_group_id: o.siblingGroupId ?? null, period_start: o.enteredCare ?? null,
    } as never).returning('id').executeTakeFirstOrThrow();
    for (const [type, date, code, householdId] of o.milestones ?? []) {
      await this.db.insertInto('milestone').values({ child_id: id, type, date, code: code ?? null, household_id: householdId ?? null } as never).execute();
    }
    for (const e of o.episodes ?? []) {
      await this.db.insertInto('care_episode').values({
        child_id: id, start_date: e.start, rne: e.rne ?? 'S', legal_status: e.ls ?? 'C2', placement: e.place ?? 'U4', placement_provider: 'PR1', end_date: e.end ?? null, reason_ceased: e.rec ?? null,
      } as never).execute();
    }
    for (const reason of o.waitingReasons ?? []) await this.db.insertInto('waiting_reason').values({ child_id: id, reason } as never).execute();
    return id;
  }

  async siblingGroup(councilId: string): Promise<string> {
    return (await this.db.insertInto('sibling_group').values({ placing_authority_id: councilId, name: `Group ${++this.n}` } as never).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** A household of `ownerId` living in `homeId`, with the journey's dates given (and status changes: [date, status]). */
  async household(ownerId: string, homeId: string | null, o: {
    roi?: string; stage1Start?: string; stage1Decided?: string; stage2Start?: string; approved?: string; notSuitable?: string; fastTrack?: string;
    leftOn?: string; leavingReason?: string; statusChanges?: [string, string][]; status?: string;
  } = {}): Promise<string> {
    const n = ++this.n;
    const decided = o.approved ?? o.notSuitable ?? null;
    const { id } = await this.db.insertInto('household').values({
      owner_id: ownerId, home_council_id: homeId, reference: `TH${n}`, status: o.status ?? (o.approved ? 'approved' : 'in-assessment'), roi_accepted_on: o.roi ?? null,
      stage1_started_on: o.stage1Start ?? null, stage1_decided_on: o.stage1Decided ?? null, stage1_outcome: o.stage1Decided ? 'proceed' : null, stage2_started_on: o.stage2Start ?? null,
      approved_on: o.approved ?? null, adm_outcome: decided ? (o.approved ? 'approved' : 'not-suitable') : null, adm_decided_on: decided, fast_track: o.fastTrack ?? null,
      left_on: o.leftOn ?? null, leaving_reason: o.leavingReason ?? null,
    } as never).returning('id').executeTakeFirstOrThrow();
    await this.db.insertInto('applicant').values({ household_id: id, position: 1, first_name: `Adopter${n}`, last_name: 'Fixture' } as never).execute();
    for (const [date, status] of o.statusChanges ?? []) {
      await this.db.insertInto('stage_event').values({ household_id: id, type: 'status-change', date, status } as never).execute();
    }
    return id;
  }

  /** An enquiry from someone living in `councilId`, with its ROI (and the household it became) if given. */
  async enquiry(councilId: string | null, receivedOn: string, o: { roiOn?: string; householdId?: string; partnershipId?: string } = {}): Promise<string> {
    const n = ++this.n;
    const { id } = await this.db.insertInto('enquiry').values({
      front_door_id: this.partnership, council_id: councilId, partnership_id: o.partnershipId ?? null, received_on: receivedOn, first_name: `Enquirer${n}`, last_name: 'Fixture',
      email: `e${n}@example.com`, phone: '07700 900000', heard_from: 'website', consent_given: true, status: o.roiOn ? 'roi-received' : 'open',
    } as never).returning('id').executeTakeFirstOrThrow();
    if (o.roiOn) {
      await this.db.insertInto('registration_of_interest').values({
        enquiry_id: id, received_on: o.roiOn, decision: o.householdId ? 'accepted' : null, decided_on: o.householdId ? o.roiOn : null, household_id: o.householdId ?? null,
      } as never).execute();
    }
    return id;
  }
}
