// Input for case notes, shared by the pages and the API.
import { z } from 'zod';
import { calendarDate } from '../core/validation.ts';
import { NOTE_TYPES, type NoteType } from './model.ts';

const yes = (v: unknown) => v === true || v === 'true' || v === 'yes' || (Array.isArray(v) && v.includes('yes'));
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const noteInput = z.object({
  type: z.enum(Object.keys(NOTE_TYPES) as [NoteType, ...NoteType[]], { error: 'Select what kind of note this is' }),
  date: calendarDate('the date it happened'),
  time: z.preprocess(blank, z.string({ error: 'Enter the time it happened, like 14:30' }).trim()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'Enter the time it happened as a 24-hour time, like 14:30' })),
  body: z.string({ error: 'Enter the note' }).trim().min(1, { error: 'Enter the note' }).max(20_000, { error: 'The note must be 20,000 characters or fewer' }),
  sensitive: z.preprocess(yes, z.boolean()).default(false),
});
export type NoteInput = z.output<typeof noteInput>;

const KINDS = ['milestone', 'episode', 'stage', 'decision', 'note', 'document'] as const;

// A filter, not something kept: a kind it does not know (an old link, a hand-made address) is
// left out rather than refused, and each kind counts once.
export const chronologyQuery = z.object({
  kind: z.preprocess((v) => {
    const asked = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return KINDS.filter((k) => asked.includes(k));
  }, z.array(z.enum(KINDS))),
});
