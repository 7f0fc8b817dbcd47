// Insight: the shared data set's measures, per council and for the partnership. This file holds
// who may use it and what they asked for (the scope: councils or partnership, and the period),
// and the drill-down from a figure to the records behind it; scorecard.ts holds the scorecard.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import * as adopters from '../adopters/service.ts';
import * as children from '../children/service.ts';
import { latestWindowEnd, parsePeriod, scorecardWindow, windowEndAfter, type PeriodQuery } from './periods.ts';
import { insightCouncilIds, insightPolicy } from './policy.ts';
import type { Period, Report, ReportScope } from './report.ts';
import * as store from './store.ts';

/** Whether the navigation offers Insight. */
export function mayUseInsight(ctx: RequestContext): boolean {
  return insightPolicy.can(ctx.actor, ctx.facts, 'use', {});
}

export function assertMayUse(ctx: RequestContext): void {
  if (!mayUseInsight(ctx)) throw new ForbiddenError('Insight is for analysts, team managers, decision makers, finance officers and administrators');
}

/** What a page, the API or the command line asks for: a council or a partnership, and a period. */
export interface ScopeQuery extends PeriodQuery {
  la?: string;
  partnership?: string;
}

export interface ResolvedScope {
  scope: ReportScope;
  /** The councils the figures cover, by name. */
  councils: store.CouncilRow[];
  partnership: store.PartnershipRow | null;
  /** The one council asked for, if one was. */
  council: store.CouncilRow | null;
  /** The 31 March whose scorecard thresholds apply to the period. */
  windowEnd: string;
  /** What the person may choose between. */
  choices: { councils: store.CouncilRow[]; partnerships: store.PartnershipRow[] };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

export function scopeQueryOf(raw: unknown): ScopeQuery {
  const r = (raw ?? {}) as Record<string, unknown>;
  const keys = ['la', 'partnership', 'from', 'to', 'windowEnd', 'year', 'quarter'] as const;
  return Object.fromEntries(keys.map((k) => [k, text(r[k])?.trim() || undefined]).filter(([, v]) => v !== undefined));
}

/** The councils and partnerships whose figures the person may see today. */
export async function choicesFor(db: Db, ctx: RequestContext): Promise<ResolvedScope['choices']> {
  const ids = insightCouncilIds(ctx.actor, ctx.facts);
  const seen = new Set(ids);
  const [councils, partnerships] = await Promise.all([store.councils(db, ids), store.partnerships(db, [...ctx.facts.partnerships], ctx.facts.today)]);
  // A partnership's figures are over all its councils: only for someone who sees every one.
  return { councils, partnerships: partnerships.filter((p) => p.memberIds.length > 0 && p.memberIds.every((id) => seen.has(id))) };
}

/**
 * The scope asked for, checked: a council the person may not see, or a partnership some of whose
 * councils they may not see, is refused (403), not answered with an empty table. Without a
 * council or partnership: the person's partnership, or else the councils they see.
 */
export async function resolveScope(db: Db, ctx: RequestContext, raw: unknown, defaultPeriod: (today: string) => Period = (today) => scorecardWindow(latestWindowEnd(today))): Promise<ResolvedScope> {
  assertMayUse(ctx);
  const q = scopeQueryOf(raw);
  const period = parsePeriod(q, () => defaultPeriod(ctx.facts.today));
  const choices = await choicesFor(db, ctx);
  const windowEnd = windowEndAfter(period.to);
  let council: store.CouncilRow | null = null;
  let partnership: store.PartnershipRow | null = null;
  if (q.la && q.partnership) throw ValidationError.of('partnership', 'Ask for a council or a partnership, not both');
  if (q.la) {
    const found = await store.councilNamed(db, q.la);
    if (!found) throw ValidationError.of('la', `There is no council "${q.la.slice(0, 60)}": give its slug, ONS code or LA number`);
    if (!insightPolicy.can(ctx.actor, ctx.facts, 'see-council', { councilId: found.id })) throw new ForbiddenError(`You may not see ${found.name}'s figures`);
    council = found;
  } else if (q.partnership) {
    const found = await partnershipByText(db, q.partnership);
    if (!found) throw ValidationError.of('partnership', `There is no partnership "${q.partnership.slice(0, 60)}"`);
    partnership = choices.partnerships.find((p) => p.id === found.id) ?? null;
    if (!partnership) throw new ForbiddenError('You may not see this partnership\'s figures: they cover councils whose children you do not work with');
  } else {
    partnership = choices.partnerships[0] ?? null;
  }
  const councils = council ? [council] : partnership ? choices.councils.filter((c) => partnership.memberIds.includes(c.id)) : choices.councils;
  return {
    scope: { councilIds: councils.map((c) => c.id), partnershipId: partnership?.id, period },
    councils, partnership, council, windowEnd, choices,
  };
}

async function partnershipByText(db: Db, t: string) {
  if (/^[0-9a-f-]{36}$/i.test(t)) return (await store.partnerships(db, [t.toLowerCase()], '9999-12-31'))[0];
  return store.partnershipNamed(db, t);
}

/** A scope built elsewhere (a report run from the command line) still covers only councils the person may see. */
export function assertScope(ctx: RequestContext, scope: ReportScope): void {
  assertMayUse(ctx);
  for (const councilId of scope.councilIds) {
    if (!insightPolicy.can(ctx.actor, ctx.facts, 'see-council', { councilId })) throw new ForbiddenError('You may not see the figures of every council asked for');
  }
}

// ---- drill-down -------------------------------------------------------------------------------

export interface DrillPage {
  title: string;
  kind: 'children' | 'households';
  /** How many records the figure counts. */
  total: number;
  children: Awaited<ReturnType<typeof children.listAmong>>;
  households: Awaited<ReturnType<typeof adopters.listAmong>>;
}

/**
 * The records behind one figure of a report: as many as the figure counts, naming only those the
 * person's list would show (children: sealed adoption records stay sealed), audited as a list.
 */
export async function drill(db: Db, ctx: RequestContext, report: Report, scope: ReportScope, key: string): Promise<DrillPage> {
  assertScope(ctx, scope);
  const found = report.drill ? await report.drill(db, ctx, scope, key) : null;
  if (!found) throw new NotFoundError('Figure');
  const detail = { report: report.name, key, from: scope.period.from, to: scope.period.to };
  const base = { title: found.title, kind: found.kind, total: found.ids.length };
  if (found.kind === 'children') return { ...base, children: await children.listAmong(db, ctx, found.ids, detail), households: [] };
  return { ...base, children: [], households: await adopters.listAmong(db, ctx, found.ids, detail) };
}
