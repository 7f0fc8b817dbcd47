// Test support for the panel area: fixtures written straight to the database: a panel with a
// quorate membership, a meeting, a household ready for its approval panel, an approved household, a looked-after child, and a document to be a paper.
import { createHash } from 'node:crypto';
import { insertHousehold } from '../adopters/store.ts';
import { insertDocument, insertVersion } from '../casework/documents-store.ts';
import type { Db } from '../core/db.ts';
import { DEFAULT_QUORUM, type MemberRole } from './model.ts';
import * as store from './store.ts';

export class PanelFixtures {
  private n = 0;
  private readonly orgs = new Map<string, string>();
  private readonly staff = new Map<string, string>();

  constructor(readonly db: Db) {}

  next(): number {
    return ++this.n;
  }

  async org(slug: string): Promise<string> {
    if (!this.orgs.has(slug)) this.orgs.set(slug, (await this.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    return this.orgs.get(slug)!;
  }

  async staffId(email: string): Promise<string> {
    if (!this.staff.has(email)) this.staff.set(email, (await this.db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);
    return this.staff.get(email)!;
  }

  /**
   * A panel of the organisation with a quorate membership (chair, vice-chair, two social work
   * members, two independent members, a medical adviser and the panel adviser); the chair signs
   * in with the organisation's panel member account.
   */
  async panel(ownerSlug: string, o: { chairAccount?: boolean } = {}) {
    const ownerId = await this.org(ownerSlug);
    const panelId = await store.insertPanel(this.db, { ownerId, name: `Test panel ${this.next()}`, quorum: DEFAULT_QUORUM, decisionWorkingDays: 7, createdBy: null });
    const account = o.chairAccount === false ? null : await this.staffId(`panel-member@${ownerSlug}.example`);
    const members: Record<string, string> = {};
    const add = async (key: string, role: MemberRole, extra: { pqeYears?: number; staffId?: string | null; personalExperience?: boolean } = {}) => {
      members[key] = await store.insertMember(this.db, {
        panelId, name: `${key} ${this.n}`, role, staffId: extra.staffId ?? null, pqeYears: extra.pqeYears ?? null, personalExperience: extra.personalExperience ?? false,
        joinedOn: '2020-01-01', leftOn: null, createdBy: null,
      });
    };
    await add('chair', 'chair', { staffId: account });
    await add('vice', 'vice-chair');
    await add('social1', 'social-work', { pqeYears: 6 });
    await add('social2', 'social-work', { pqeYears: 2 });
    await add('independent1', 'independent', { personalExperience: true });
    await add('independent2', 'independent');
    await add('medical', 'medical-adviser');
    await add('adviser', 'panel-adviser');
    return { panelId, ownerId, members };
  }

  /** A meeting of the panel, every member expected. */
  async meeting(panelId: string, date: string, papersUntil: string): Promise<string> {
    const members = (await store.membersOf(this.db, panelId)).map((m) => m.id);
    return store.insertMeeting(this.db, { panelId, date, venue: 'Shirehall, Shrewsbury', papersUntil, expected: members, createdBy: null });
  }

  /** Mark the members present (by their fixture keys). */
  async attend(meetingId: string, members: Record<string, string>, keys: readonly string[]): Promise<void> {
    await store.saveAttendance(this.db, meetingId, Object.entries(members).map(([key, memberId]) => ({ memberId, attended: keys.includes(key) })));
  }

  /** A fast-track household in Stage 2 with its final Prospective Adopter's Report: ready for its approval panel. */
  async householdForApproval(ownerSlug: string, homeSlug: string): Promise<{ id: string; reference: string }> {
    const reference = `PNL${this.next()}`;
    const id = await insertHousehold(this.db, { ownerId: await this.org(ownerSlug), homeCouncilId: await this.org(homeSlug), reference, fastTrack: 'foster-carer', applicants: [{ firstName: 'Robin', lastName: `Panelist${this.n}` }, { firstName: 'Kit', lastName: `Panelist${this.n}` }] });
    await this.db.updateTable('household').set({ stage2_started_on: '2026-06-01', par_status: 'final' }).where('id', '=', id).execute();
    return { id, reference };
  }

  /** A household approved a year ago, due its review. */
  async approvedHousehold(ownerSlug: string, homeSlug: string): Promise<{ id: string; reference: string }> {
    const h = await this.householdForApproval(ownerSlug, homeSlug);
    await this.db.updateTable('household').set({
      status: 'approved', panel_on: '2025-10-20', adm_outcome: 'approved', adm_decided_on: '2025-10-27', approved_on: '2025-10-27', status_changed_on: '2025-10-27', approval_review_due_on: '2026-10-27',
    }).where('id', '=', h.id).execute();
    return h;
  }

  /** A looked-after child of the council with no decision yet that they should be placed for adoption. */
  async child(councilSlug: string): Promise<{ id: string; name: string }> {
    const child = await this.db.selectFrom('child').select(['id', 'first_name', 'last_name']).where('placing_authority_id', '=', await this.org(councilSlug))
      .where('shobpa_date', 'is', null).where('period_start', 'is not', null).where('period_start', '<', '2026-10-01').where('looked_after', '=', true)
      .orderBy('id').offset(this.next()).limit(1).executeTakeFirstOrThrow();
    return { id: child.id, name: `${child.first_name} ${child.last_name}` };
  }

  /** A document on the record, as if uploaded (a PDF's first bytes). */
  async document(recordType: string, recordId: string, byEmail: string, title = 'Prospective adopter\'s report'): Promise<string> {
    const by = await this.staffId(byEmail);
    const id = await insertDocument(this.db, { recordType, recordId, category: 'par', title, sensitive: false, createdBy: by });
    const content = Buffer.from(`%PDF-1.4\n% ${title} ${this.next()}\n`);
    await insertVersion(this.db, id, { filename: 'report.pdf', mediaType: 'application/pdf', sha256: createHash('sha256').update(content).digest('hex'), content, uploadedBy: by, scannedWith: 'test' });
    return id;
  }
}
