// Who may do what with the adoption panel. A panel belongs to an organisation; its panel
// advisers run it (members, meetings, agendas, papers, attendance, recommendations, minutes).
// A member with a Mercia account (role panel-member) sees the panels they sit on and, for a
// meeting they are expected at, its agenda and papers until the day the papers are available to,
// and never after. Decision makers decide the items of their own agency (the household's
// owner, the child's placing council). Nobody else sees a panel, and a grant on one gives
// nothing: papers are for the meeting's members. The records on an agenda are shown through
// their own area's rules (the panel service asks them), except to the meeting's members while
// they may read its papers. A refusal to view looks like absence (404).
import { hasRole, inOwnOrganisation, type AccessFacts, type Actor } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface PanelRecord {
  /** The panel (empty for one not yet made). */
  id: string;
  ownerId: string;
  /** The staff accounts of its members serving today. */
  memberStaffIds: readonly string[];
}

export interface MeetingRecord {
  id: string;
  panelOwnerId: string;
  /** The staff accounts of the members expected at the meeting. */
  expectedStaffIds: readonly string[];
  papersUntil: string;
}

export interface DecisionRecord {
  /** The agenda item. */
  id: string;
  /** The agency whose decision maker decides it. */
  agencyId: string;
}

export type PanelAction = 'view' | 'manage';
export type MeetingAction = 'view' | 'view-papers' | 'manage';
export type DecisionAction = 'view' | 'decide';

/** The panel advisers of the panel's owner run it. */
function runs(actor: Actor, ownerId: string): boolean {
  return hasRole(actor, 'panel-adviser') && inOwnOrganisation(actor, ownerId);
}

/** A member of the panel today, signed in with their own account. */
function sitsOn(actor: Actor, p: PanelRecord): boolean {
  return hasRole(actor, 'panel-member') && p.memberStaffIds.includes(actor.staffId);
}

/** A member expected at the meeting, while its papers are available (to the day itself). */
function readsPapers(actor: Actor, facts: AccessFacts, m: MeetingRecord): boolean {
  return hasRole(actor, 'panel-member') && m.expectedStaffIds.includes(actor.staffId) && facts.today <= m.papersUntil;
}

export const panelPolicy = new Policy<PanelRecord, PanelAction>('panel')
  .allow('view', (actor, _facts, p) => runs(actor, p.ownerId) || sitsOn(actor, p))
  .allow('manage', (actor, _facts, p) => runs(actor, p.ownerId));

export const meetingPolicy = new Policy<MeetingRecord, MeetingAction>('panel-meeting')
  .allow('view', (actor, facts, m) => runs(actor, m.panelOwnerId) || readsPapers(actor, facts, m))
  .allow('view-papers', readsPapers)
  .allow('manage', (actor, _facts, m) => runs(actor, m.panelOwnerId));

export const decisionPolicy = new Policy<DecisionRecord, DecisionAction>('panel-decision')
  .allow('view', (actor, _facts, d) => hasRole(actor, 'decision-maker') && inOwnOrganisation(actor, d.agencyId))
  .allow('decide', (actor, _facts, d) => hasRole(actor, 'decision-maker') && inOwnOrganisation(actor, d.agencyId));

// ---- list scopes: the 'view' rules as filters ----------------------------------------------------

/** Panels the person may see: those their organisation owns (panel advisers), and those they sit on (panel members). */
export function panelListScope(actor: Actor): { ownerIds: string[]; memberStaffId: string | null } {
  return { ownerIds: hasRole(actor, 'panel-adviser') ? [actor.orgId] : [], memberStaffId: hasRole(actor, 'panel-member') ? actor.staffId : null };
}

/** Meetings the person may see: every meeting of their organisation's panels (advisers), and those they are expected at whose papers are still available (members). */
export function meetingListScope(actor: Actor, facts: AccessFacts): { panelOwnerIds: string[]; expectedStaffId: string | null; papersFrom: string } {
  return { panelOwnerIds: hasRole(actor, 'panel-adviser') ? [actor.orgId] : [], expectedStaffId: hasRole(actor, 'panel-member') ? actor.staffId : null, papersFrom: facts.today };
}

/** The agencies whose decisions the person makes: their own, if they are a decision maker. */
export function decisionListScope(actor: Actor): { agencyIds: string[] } {
  return { agencyIds: hasRole(actor, 'decision-maker') ? [actor.orgId] : [] };
}

/** Whether the person has any part in panels: they run one, may sit on one, or decide panel items. */
export function mayUsePanels(actor: Actor): boolean {
  return hasRole(actor, 'panel-adviser', 'panel-member', 'decision-maker');
}
