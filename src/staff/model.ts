// Staff accounts: people who work in an organisation, with roles (DESIGN.md §4), signing in
// with a password and optionally a second factor; their API tokens; and the explicit grants
// that let one person work on one record outside their organisation's remit.
import { z } from 'zod';
import { ROLES, type Role } from '../core/access.ts';
import { passwordProblem } from '../core/auth.ts';
import { calendarDate, uuid } from '../core/validation.ts';

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  organisationKind: 'local-authority' | 'partnership' | 'agency';
  teamName: string | null;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
}

export const emailSchema = z.string({ error: 'Enter an email address' }).trim().toLowerCase()
  .min(1, { error: 'Enter an email address' })
  .max(254, { error: 'Email address must be 254 characters or fewer' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'Enter an email address in the correct format, like name@example.org' });

export const newPasswordSchema = z.string({ error: 'Enter a password' }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const addStaffInput = z.object({
  email: emailSchema,
  displayName: z.string({ error: 'Enter the person\'s name' }).trim().min(1, { error: 'Enter the person\'s name' }).max(200, { error: 'Name must be 200 characters or fewer' }),
  organisationId: uuid('the organisation'),
  team: z.string().trim().max(200).optional(),
  roles: z.array(z.enum(ROLES, { error: 'Select a role from the list' })).min(1, { error: 'Select at least one role' }),
  password: newPasswordSchema,
});
export type AddStaffInput = z.output<typeof addStaffInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string({ error: 'Enter your password' }).min(1, { error: 'Enter your password' }).max(1024),
});

export const totpCodeInput = z.object({
  code: z.string({ error: 'Enter the 6-digit code' }).trim().regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app' }),
});

export const tokenInput = z.object({
  label: z.string({ error: 'Enter a name for the token' }).trim().min(1, { error: 'Enter a name for the token' }).max(100),
  expiresOn: calendarDate('the expiry date').optional(),
});

export const grantInput = z.object({
  staffId: uuid('the person'),
  recordType: z.string().min(1).max(50),
  recordId: uuid('the record'),
  reason: z.string({ error: 'Enter why access is needed' }).trim().min(1, { error: 'Enter why access is needed' }).max(2000),
  validFrom: calendarDate('the start date'),
  validTo: calendarDate('the end date').optional(),
}).refine((g) => !g.validTo || g.validTo >= g.validFrom, { path: ['validTo'], error: 'End date must be on or after the start date' });

/** After this many failures in a row, the account is locked for a while. */
export function lockedUntil(failures: number, maxFailures: number, lockoutMinutes: number, now: Date): Date | null {
  return failures >= maxFailures ? new Date(now.getTime() + lockoutMinutes * 60_000) : null;
}

export function isLocked(lockedUntilAt: Date | null, now: Date): boolean {
  return lockedUntilAt !== null && lockedUntilAt > now;
}
