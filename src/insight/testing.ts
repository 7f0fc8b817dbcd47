// Hand-made records for insight's tests, on an empty migrated database: Avon and Brent in a
// partnership that does their family finding, Cleve outside it, staff in each, and adopted
// children written straight to their tables with exactly the dates a test needs (a report only
// reads what the areas write; their own services are tested elsewhere).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';

export const TODAY = '2026-11-23';
const ROLES = ['analyst', 'social-worker', 'team-manager', 'finance-officer'] as const;

export interface ChildDates {
  /** The start of the period of care, written as the child's derived period_start. */
  enteredCare?: string;
  milestones?: [type: string, date: string, code?: string][];
  episodes?: { start: string; rne: string; place?: string; ls?: string }[];
}

export class InsightFixtures {
  private n = 0;
  avon = '';
  brent = '';
  cleve = '';
  partnership = '';
  staff = new Map<string, string>();

  constructor(readonly db: Db) {}

  async setUp(): Promise<this> {
    const org = async (kind: string, name: string, slug: string, code: string | null, laNumber: string | null, hostId: string | null = null) =>
      (await this.db.insertInto('organisation').values({ kind, name, slug, code, host_id: hostId, la_number: laNumber } as never).returning('id').executeTakeFirstOrThrow()).id;
    this.avon = await org('local-authority', 'Avon', 'avon', 'E06000901', '901');
    this.brent = await org('local-authority', 'Brent', 'brent', 'E06000902', '902');
    this.cleve = await org('local-authority', 'Cleve', 'cleve', 'E06000903', '903');
    this.partnership = await org('partnership', 'Test Partnership', 'test-partnership', null, null, this.avon);
    for (const id of [this.avon, this.brent]) {
      await this.db.insertInto('membership').values({ partnership_id: this.partnership, member_id: id, kind: 'member', joined_on: '2010-04-01' } as never).execute();
      await this.db.insertInto('operating_model_entry').values({ partnership_id: this.partnership, member_id: id, function_code: 'family-finding', effective_on: '2010-04-01', delivered_by: 'partnership' } as never).execute();
    }
    for (const [slug, id] of [['avon', this.avon], ['brent', this.brent], ['cleve', this.cleve], ['test-partnership', this.partnership]] as const) {
      for (const role of ROLES) {
        const email = `${role}@${slug}.example`;
        const staff = await this.db.insertInto('staff').values({ email, display_name: `${role} ${slug}`, organisation_id: id } as never).returning('id').executeTakeFirstOrThrow();
        await this.db.insertInto('staff_role').values({ staff_id: staff.id, role } as never).execute();
        this.staff.set(email, staff.id);
      }
    }
    return this;
  }

  ctx(email: string, today = TODAY): Promise<RequestContext> {
    return contextOf(this.db, email, today);
  }

  /** A child of the council with the dates given. */
  async child(councilId: string, o: ChildDates = {}): Promise<string> {
    const n = ++this.n;
    const { id } = await this.db.insertInto('child').values({
      placing_authority_id: councilId, la_child_ref: `I${n}`, first_name: `Child${n}`, last_name: 'Insight', date_of_birth: '2018-01-01',
      sex: 'F', ethnicity: 'WBRI', period_start: o.enteredCare ?? null, stage: o.milestones?.some((m) => m[0] === 'adoption-order') ? 'adopted' : 'in-care',
    } as never).returning('id').executeTakeFirstOrThrow();
    for (const [type, date, code] of o.milestones ?? []) {
      await this.db.insertInto('milestone').values({ child_id: id, type, date, code: code ?? null } as never).execute();
    }
    for (const e of o.episodes ?? []) {
      await this.db.insertInto('care_episode').values({ child_id: id, start_date: e.start, rne: e.rne, legal_status: e.ls ?? 'C2', placement: e.place ?? 'U4', placement_provider: 'PR1' } as never).execute();
    }
    return id;
  }

  /** A simple adoption: entered care, placement order, match, placed (A6), adoption order. */
  adopted(councilId: string, d: { entered: string; po?: string | null; consent?: string; match: string; placed: string; order: string; code?: string }): Promise<string> {
    return this.child(councilId, {
      enteredCare: d.entered,
      episodes: [{ start: d.entered, rne: 'S' }],
      milestones: [
        ...(d.po ? [['placement-order', d.po, 'order'] as [string, string, string]] : []),
        ...(d.consent ? [['placement-order', d.consent, 'consent'] as [string, string, string]] : []),
        ['match', d.match], ['placed-for-adoption', d.placed, d.code ?? 'A6'], ['adoption-order', d.order, 'E11'],
      ],
    });
  }

  /** The person opens a sealed adoption record for today (a 'sealed-child' grant, as retention.ts gives one). */
  async openSealed(email: string, childId: string, ownerId: string, today = TODAY): Promise<void> {
    const staffId = this.staff.get(email)!;
    await this.db.insertInto('access_grant').values({ staff_id: staffId, record_type: 'sealed-child', record_id: childId, owner_id: ownerId, reason: 'Test', valid_from: today, valid_to: today, granted_by: staffId } as never).execute();
  }
}
