// The child's own events for the chronology (casework merges in notes and documents): each
// milestone (the agency decision maker's decisions and the plan's reversal shown as decisions),
// and each care episode's start and end with its legal status, placement and reason.
import type { ChronologyEntry } from '../core/records.ts';
import { LEGAL_STATUSES, MILESTONE_TYPES, milestoneCodeLabel, PLACEMENTS, REASONS_CEASED, type MilestoneType } from './codes.ts';
import type { Episode, Milestone } from './model.ts';

const DECISIONS: ReadonlySet<MilestoneType> = new Set(['shobpa', 'match', 'plan-reversed']);
const named = (codes: Record<string, string>, code: string | null) => (code ? `${code}: ${codes[code] ?? 'unknown code'}` : null);

/**
 * An adoption case record is kept for at least 100 years from the adoption order (the Adoption
 * Agencies Regulations 2005, regulation 42): its notes and documents with it.
 */
export function adoptionRecordRetention(milestones: readonly Pick<Milestone, 'type' | 'date'>[]): { keepUntil: string; why: string } | null {
  const order = milestones.find((m) => m.type === 'adoption-order');
  if (!order) return null;
  const [y, md] = [Number(order.date.slice(0, 4)), order.date.slice(4)];
  // 29 February has no match 100 years on in a non-leap year: keep it to 1 March.
  const keepUntil = md === '-02-29' && !isLeap(y + 100) ? `${y + 100}-03-01` : `${y + 100}${md}`;
  return { keepUntil, why: '100 years from the adoption order' };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function childChronology(episodes: readonly Episode[], milestones: readonly Milestone[]): ChronologyEntry[] {
  const entries: ChronologyEntry[] = milestones.map((m) => ({
    date: m.date,
    kind: DECISIONS.has(m.type) ? 'decision' : 'milestone',
    title: MILESTONE_TYPES[m.type],
    detail: [m.householdReference && `Household ${m.householdReference}`, m.code && `${m.code}: ${milestoneCodeLabel(m.code) ?? 'unknown code'}`, m.notes]
      .filter(Boolean).join('. ') || undefined,
    by: m.recordedByName ?? undefined,
  }));
  for (const e of episodes) {
    const detail = [named(LEGAL_STATUSES, e.legalStatus) && `Legal status ${named(LEGAL_STATUSES, e.legalStatus)}`, named(PLACEMENTS, e.placement) && `placement ${named(PLACEMENTS, e.placement)}`]
      .filter(Boolean).join('; ');
    entries.push({ date: e.startDate, kind: 'episode', title: 'Care episode began', detail: detail || undefined });
    if (e.endDate) entries.push({ date: e.endDate, kind: 'episode', title: 'Care episode ended', detail: named(REASONS_CEASED, e.reasonCeased) ?? undefined });
  }
  return entries;
}
