// The partnership model: councils join and leave partnerships on dates, and for each member
// and each function of the adoption service the operating model says who delivers it from a
// date — the partnership, the member council itself, or a commissioned provider.
import { FUNCTIONS, type ServiceFunction } from '../core/access.ts';
import { z } from 'zod';
import type { FieldError } from '../core/errors.ts';
import { calendarDate, uuid } from '../core/validation.ts';

export type Deliverer = 'partnership' | 'member' | 'provider';
export type OptionNumber = 1 | 2 | 3 | 4;

export interface Organisation {
  id: string;
  kind: 'local-authority' | 'partnership' | 'agency';
  name: string;
  slug: string;
  code: string | null;
  hostId: string | null;
}

export interface Membership {
  id: string;
  partnershipId: string;
  memberId: string;
  memberName: string;
  memberCode: string | null;
  memberKind: Organisation['kind'];
  kind: 'member' | 'affiliate';
  joinedOn: string;
  leftOn: string | null;
}

export interface Delivery {
  memberId: string;
  functionCode: ServiceFunction;
  deliveredBy: Deliverer;
  providerId: string | null;
  providerName: string | null;
  effectiveOn: string;
}

/** The functions the approved Option 2 pools (business case §5); the rest stay with each council. */
export const OPTION_2_POOLED: readonly ServiceFunction[] = [
  'recruitment', 'training', 'post-order-support', 'birth-family-support', 'adopted-adults', 'non-agency-intercountry',
];

export const OPTIONS: Record<OptionNumber, { title: string; summary: string }> = {
  1: { title: 'Option 1', summary: 'Each council delivers every function itself' },
  2: { title: 'Option 2', summary: 'Recruitment, training, post-order support, birth family support, adopted adults, non-agency and inter-country adoption pooled; the rest stay with each council' },
  3: { title: 'Option 3', summary: 'A single service: the partnership delivers every function' },
  4: { title: 'Option 4', summary: 'Every function contracted out to one provider' },
};

/** Who delivers a function under a preset. Option 4 needs the provider. */
export function presetDeliverer(option: OptionNumber, fn: ServiceFunction): Deliverer {
  switch (option) {
    case 1: return 'member';
    case 2: return OPTION_2_POOLED.includes(fn) ? 'partnership' : 'member';
    case 3: return 'partnership';
    case 4: return 'provider';
  }
}

export function presetDeliveries(option: OptionNumber, providerId: string | null): { functionCode: ServiceFunction; deliveredBy: Deliverer; providerId: string | null }[] {
  return FUNCTIONS.map((fn) => {
    const deliveredBy = presetDeliverer(option, fn);
    return { functionCode: fn, deliveredBy, providerId: deliveredBy === 'provider' ? providerId : null };
  });
}

/** Is the organisation a member (not an affiliate) of the partnership on the day? Leaving is effective on left_on. */
export function isMemberOn(m: Pick<Membership, 'joinedOn' | 'leftOn'>, day: string): boolean {
  return m.joinedOn <= day && (m.leftOn === null || day < m.leftOn);
}

// ---- rules for changes ---------------------------------------------------------------

/** History is not rewritten: a change takes effect today or later. */
export function notInThePast(field: string, date: string, today: string, what: string): FieldError | null {
  return date < today ? { field, message: `${what} must be today or later: the record of earlier dates is not rewritten` } : null;
}

export function leavingProblems(m: Pick<Membership, 'joinedOn' | 'leftOn'>, leftOn: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (m.leftOn !== null) errors.push({ field: 'leftOn', message: 'This organisation has already left; record a new membership if it rejoins' });
  if (leftOn < m.joinedOn) errors.push({ field: 'leftOn', message: `Leaving date must be on or after the joining date (${m.joinedOn})` });
  const past = notInThePast('leftOn', leftOn, today, 'Leaving date');
  if (past) errors.push(past);
  return errors;
}

export function joiningProblems(existing: Pick<Membership, 'joinedOn' | 'leftOn'>[], joinedOn: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const past = notInThePast('joinedOn', joinedOn, today, 'Joining date');
  if (past) errors.push(past);
  if (existing.some((m) => m.leftOn === null || m.leftOn > joinedOn)) {
    errors.push({ field: 'organisationId', message: 'This organisation is already in the partnership on that date' });
  }
  return errors;
}

export function transitionProblems(memberships: Pick<Membership, 'joinedOn' | 'leftOn'>[], effectiveOn: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const past = notInThePast('effectiveOn', effectiveOn, today, 'The date the change takes effect');
  if (past) errors.push(past);
  if (!memberships.some((m) => isMemberOn(m, effectiveOn))) {
    errors.push({ field: 'memberId', message: 'The council is not a member of the partnership on that date' });
  }
  return errors;
}

/** What the public API calls the deliverer: `partnership`, `member`, or the provider's name. */
export function deliveredByLabel(d: Pick<Delivery, 'deliveredBy' | 'providerName'>): string {
  return d.deliveredBy === 'provider' ? (d.providerName ?? 'provider') : d.deliveredBy;
}

// ---- input -------------------------------------------------------------------------

export const addMemberInput = z.object({
  organisationId: uuid('the organisation'),
  kind: z.enum(['member', 'affiliate'], { error: 'Select whether it joins as a member council or an affiliated agency' }),
  joinedOn: calendarDate('the joining date'),
  option: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).optional(),
  providerId: uuid('the provider').optional(),
});
export type AddMemberInput = z.output<typeof addMemberInput>;

export const leavingInput = z.object({ leftOn: calendarDate('the leaving date') });

export const presetInput = z.object({
  effectiveOn: calendarDate('the date the change takes effect'),
  option: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Select an option' })),
  providerId: uuid('the provider').optional(),
  memberId: uuid('the council').optional(),
});
export type PresetInput = z.output<typeof presetInput>;

export const changeDeliveryInput = z.object({
  effectiveOn: calendarDate('the date the change takes effect'),
  memberId: uuid('the council'),
  functionCode: z.enum(FUNCTIONS, { error: 'Select a function' }),
  deliveredBy: z.enum(['partnership', 'member', 'provider'], { error: 'Select who delivers it' }),
  providerId: uuid('the provider').optional(),
});
export type ChangeDeliveryInput = z.output<typeof changeDeliveryInput>;
