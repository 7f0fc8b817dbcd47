// The panel services' shared steps: load a panel, a meeting or an item and ask the panel's
// policy (a refusal to view looks like absence), and describe what an agenda item is about as
// the person may see it. The records on an agenda are shown through their own area's answer
// (the record registry, matching's link summary) except to the meeting's members while they may
// read its papers: "nobody sees a record through the panel they could not otherwise see".
// The areas whose records an agenda names register them with the registry when they load.
import '../adopters/service.ts';
import '../children/service.ts';
import type { RequestContext } from '../core/access.ts';
import type { AuditedRecord } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { caseworkRecord, registerRecordType } from '../core/records.ts';
import * as matching from '../matching/links-service.ts';
import * as items from './items-store.ts';
import { meetingPolicy, panelPolicy, type MeetingAction, type MeetingRecord, type PanelAction, type PanelRecord } from './policy.ts';
import * as store from './store.ts';

registerRecordType('panel', async (db, id) => (await store.findPanel(db, id))?.ownerId);
registerRecordType('panel-meeting', async (db, id) => (await store.findMeeting(db, id))?.panelOwnerId);
// An item, and the decision on it, is its deciding agency's: that agency's administrators find its audit events.
registerRecordType('panel-item', async (db, id) => (await items.findItem(db, id))?.decisionAgencyId);

export async function panelRecord(db: Db, today: string, p: { id: string; ownerId: string }): Promise<PanelRecord> {
  const accounts = p.id ? await store.memberAccounts(db, [p.id], today) : new Map<string, string[]>();
  return { id: p.id, ownerId: p.ownerId, memberStaffIds: accounts.get(p.id) ?? [] };
}

export async function loadPanel(db: Db, ctx: RequestContext, id: string, action: PanelAction = 'view') {
  const panel = await store.findPanel(db, id);
  if (!panel) throw new NotFoundError('Panel');
  const record = await panelRecord(db, ctx.facts.today, panel);
  if (!panelPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Panel');
  if (action !== 'view' && !panelPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError('Only the panel\'s advisers do this');
  return { panel, record };
}

export async function meetingRecord(db: Db, m: { id: string; panelOwnerId: string; papersUntil: string }): Promise<MeetingRecord> {
  const expected = await store.expectedAccounts(db, [m.id]);
  return { id: m.id, panelOwnerId: m.panelOwnerId, papersUntil: m.papersUntil, expectedStaffIds: expected.get(m.id) ?? [] };
}

export async function loadMeeting(db: Db, ctx: RequestContext, id: string, action: MeetingAction = 'view') {
  const meeting = await store.findMeeting(db, id);
  if (!meeting) throw new NotFoundError('Meeting');
  const record = await meetingRecord(db, meeting);
  if (!meetingPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Meeting');
  if (action === 'view-papers' && !meetingPolicy.can(ctx.actor, ctx.facts, action, record)) throw new NotFoundError('Paper');
  if (action === 'manage' && !meetingPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError('Only the panel\'s advisers do this');
  return { meeting, record, can: { manage: meetingPolicy.can(ctx.actor, ctx.facts, 'manage', record), viewPapers: meetingPolicy.can(ctx.actor, ctx.facts, 'view-papers', record) } };
}

/** The item and its meeting, if the person may do this to the meeting (an item of a hidden meeting is as missing as the meeting). */
export async function loadItem(db: Db, ctx: RequestContext, id: string, action: MeetingAction = 'view') {
  const item = await items.findItem(db, id);
  if (!item) throw new NotFoundError('Item');
  const loaded = await loadMeeting(db, ctx, item.meetingId, action).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Item') : error;
  });
  return { item, ...loaded };
}

// ---- what an item is about ---------------------------------------------------------------------

export interface Subject {
  /** "AH12: Sam and Alex Smith", "Ava Jones", "Ava Jones with AH12". */
  label: string;
  /** Whether the person may see the item's records (or, as a member, its papers). */
  shown: boolean;
  /** The record's own page, where the person may see it. */
  href: string | null;
  /** The records the item names, for the audit log and the papers. */
  records: (AuditedRecord & { ownerId: string; label: string })[];
}

const hidden = (ownerName: string, noun: string) => `A ${noun} of ${ownerName} (not shown to you)`;

/**
 * What each item is about, as the person may see it: by each record's own area, or — `asMember`,
 * for a member who may read the meeting's papers — as the papers show it.
 */
export async function subjectsOf(db: Db, ctx: RequestContext, rows: readonly items.ItemRow[], asMember: boolean): Promise<Map<string, Subject>> {
  const links = await items.linkFacts(db, rows.flatMap((r) => r.linkId ?? []));
  const households = await items.householdFacts(db, rows.flatMap((r) => r.householdId ?? []));
  const children = await items.childFacts(db, [...rows.flatMap((r) => r.childId ?? []), ...[...links.values()].flatMap((l) => l.childIds)]);
  const sees = async (type: string, id: string) => asMember || ((await caseworkRecord(type)?.accessFor(db, ctx, id))?.view ?? false);
  const result = new Map<string, Subject>();
  for (const r of rows) {
    const h = r.householdId ? households.get(r.householdId) : undefined;
    const householdRecord = h ? [{ type: 'household', id: h.id, ownerId: h.ownerId, label: `${h.reference}: ${h.names}` }] : [];
    if (r.kind === 'shobpa') {
      const c = children.get(r.childId!)!;
      const shown = await sees('child', c.id);
      result.set(r.id, { label: shown ? c.name : hidden(r.decisionAgencyName, 'child'), shown, href: shown && !asMember ? `/children/${c.id}` : null, records: [{ type: 'child', id: c.id, ownerId: c.placingAuthorityId, label: c.name }] });
    } else if (r.kind === 'match') {
      const link = links.get(r.linkId!)!;
      const kids = link.childIds.map((id) => children.get(id)!);
      const shown = asMember || (await matching.linkSummary(db, ctx, link.id)) !== undefined;
      const label = `${kids.map((c) => c.name).join(', ')} with ${h!.reference} (${h!.names})`;
      result.set(r.id, {
        label: shown ? label : hidden(r.decisionAgencyName, 'match'), shown, href: null,
        records: [...kids.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId, label: c.name })), ...householdRecord],
      });
    } else {
      const shown = await sees('household', h!.id);
      result.set(r.id, { label: shown ? householdRecord[0]!.label : hidden(h!.ownerName, 'household'), shown, href: shown && !asMember ? `/households/${h!.id}` : null, records: householdRecord });
    }
  }
  return result;
}

/** The records the items showed, for the audit log (only those shown). */
export function shownRecords(subjects: Iterable<Subject>): AuditedRecord[] {
  const seen = new Map<string, AuditedRecord>();
  for (const s of subjects) if (s.shown) for (const r of s.records) seen.set(`${r.type}:${r.id}`, { type: r.type, id: r.id, ownerId: r.ownerId });
  return [...seen.values()];
}
