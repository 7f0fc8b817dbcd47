// Who may do what with training. Courses and their sessions are not personal records: staff of
// every organisation in the organiser's partnership see them (training is pooled, and adopters
// may train anywhere in the partnership). Bookings carry households' names, so only the roles
// that book see them. Training coordinators of the organiser (or of whoever delivers training
// for the organising council today) run courses, sessions and attendance. Anyone else needs
// an explicit grant on the course, which lets them see it and nothing more. A refusal to view
// looks like absence (404). A booking is also a household's: every action on one (booking,
// cancelling, recording attendance, seeing names) further needs the household to be visible to
// the person, which the training service asks the adopters service (a hidden one looks absent).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface TrainingCourseRecord {
  /** The course (empty for one not yet made). */
  id: string;
  organiserId: string;
  /** The partnerships the organiser is, or belongs to, today. */
  partnershipIds: readonly string[];
}

export type TrainingAction = 'view' | 'view-bookings' | 'book' | 'cancel' | 'manage' | 'record-attendance';

/** The roles that book households on sessions (and so see who is booked). */
export const BOOKERS: readonly Role[] = ['training-coordinator', 'recruitment-officer', 'social-worker', 'team-manager'];

/** The person's organisation is the organiser or is in its partnership today. */
export function inPartnershipOf(actor: Actor, facts: AccessFacts, course: TrainingCourseRecord): boolean {
  return inOwnOrganisation(actor, course.organiserId) || course.partnershipIds.some((p) => facts.partnerships.has(p));
}

/** The organiser's training coordinators, and those of whoever delivers the organising council's training today. */
function runsTraining(actor: Actor, facts: AccessFacts, course: TrainingCourseRecord): boolean {
  return hasRole(actor, 'training-coordinator') && (inOwnOrganisation(actor, course.organiserId) || deliversFor(facts, 'training', course.organiserId));
}

export const trainingPolicy = new Policy<TrainingCourseRecord, TrainingAction>('training')
  .allow('view', (actor, facts, c) => inPartnershipOf(actor, facts, c) || (c.id !== '' && holdsGrant(facts, 'training-course', c.id)))
  .allow('view-bookings', (actor, facts, c) => hasRole(actor, ...BOOKERS) && inPartnershipOf(actor, facts, c))
  .allow('book', (actor, facts, c) => hasRole(actor, ...BOOKERS) && inPartnershipOf(actor, facts, c))
  .allow('cancel', (actor, facts, c) => hasRole(actor, ...BOOKERS) && inPartnershipOf(actor, facts, c))
  .allow('manage', runsTraining)
  .allow('record-attendance', runsTraining);
