// Children pages: the list (filters, sorting, paging without JavaScript) and the child's page.
// The forms are in pages-details.ts (register, edit), pages-journey.ts (milestones, care
// episodes, waiting longer) and pages-siblings.ts (sibling groups).
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../core/errors.ts';
import type { AppServices } from '../../web/types.ts';
import { render } from '../../web/views.ts';
import type { ChildListQuery } from '../input.ts';
import { STAGES, WAITING_FACTORS } from '../model.ts';
import { childPolicy } from '../policy.ts';
import * as children from '../service.ts';
import { childDetailsRoutes } from './pages-details.ts';
import { idFrom, LABELS, pageErrors, timelineItems, type Body, type Item } from './pages-helpers.ts';
import { childJourneyRoutes } from './pages-journey.ts';
import { siblingGroupRoutes } from './pages-siblings.ts';


const SORTS: Item[] = [
  { value: 'name', text: 'Name' }, { value: 'age', text: 'Age (oldest first)' },
  { value: 'days-in-care', text: 'Time in care (longest first)' }, { value: 'stage', text: 'Stage' },
];

/** The list's address for another page of the same filters. */
function listHref(q: ChildListQuery, offset: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'la', 'stage', 'factor'] as const) if (q[key]) params.set(key, q[key]);
  if (q.overdue) params.set('overdue', 'yes');
  if (q.sort !== 'name') params.set('sort', q.sort);
  if (q.limit !== 50) params.set('limit', String(q.limit));
  if (offset > 0) params.set('offset', String(offset));
  const s = params.toString();
  return `/children${s ? `?${s}` : ''}`;
}

/** govukPagination's parameters: previous/next and numbered pages around the current one. */
function pagination(q: ChildListQuery, total: number) {
  const pages = Math.ceil(total / q.limit);
  if (pages <= 1) return null;
  const current = Math.floor(q.offset / q.limit) + 1;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 1) items.push({ number: n, href: listHref(q, (n - 1) * q.limit), current: n === current });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    previous: current > 1 ? { href: listHref(q, (current - 2) * q.limit) } : undefined,
    next: current < pages ? { href: listHref(q, current * q.limit) } : undefined,
    landmarkLabel: 'Pages of children',
  };
}

export function childPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/children/scorecard', async (request, reply) => {
    const card = await children.scorecard(db, request.ctx!);
    return render(request, reply, 'children/views/scorecard.njk', { title: 'Adoption scorecard', ...card, backLink: '/children' });
  });

  app.get('/children', async (request, reply) => {
    const ctx = request.ctx!;
    const raw = request.query as Body;
    const councils = await children.councilsInScope(db, ctx);
    const page = {
      title: 'Children', labels: LABELS, sorts: SORTS,
      councilItems: [{ value: '', text: 'All councils' }, ...councils.map((c) => ({ value: c.code, text: c.name }))],
      stageItems: [{ value: '', text: 'Any stage' }, ...Object.entries(STAGES).map(([value, text]) => ({ value, text }))],
      factorItems: [{ value: '', text: 'Any child' }, { value: 'any', text: 'Any factor' }, ...Object.entries(WAITING_FACTORS).map(([value, text]) => ({ value, text }))],
      canRegister: childPolicy.can(ctx.actor, ctx.facts, 'create', { id: '', placingAuthorityId: ctx.actor.orgId }),
    };
    try {
      const result = await children.list(db, ctx, raw);
      const total = Number(result.total);
      return render(request, reply, 'children/views/list.njk', {
        ...page, ...result, total, values: { ...result.query, overdue: result.query.overdue ? ['yes'] : [] },
        pagination: pagination(result.query, total),
        from: total ? result.query.offset + 1 : 0, to: Math.min(total, result.query.offset + result.items.length),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'children/views/list.njk', {
        ...page, total: 0, items: [], values: { ...raw, overdue: raw.overdue ? ['yes'] : [] },
        errors: pageErrors(error, [], (f) => (['limit', 'offset'].includes(f) ? 'results' : f)),
      });
    }
  });

  app.get('/children/:id', async (request, reply) => {
    const id = idFrom(request.params);
    const view = await children.view(db, request.ctx!, id);
    const { child } = view;
    return render(request, reply, 'children/views/child.njk', {
      title: `${child.firstName} ${child.lastName}`, ...view, labels: LABELS, timeline: timelineItems(view.milestones), backLink: '/children',
    });
  });

  childDetailsRoutes(app, services);
  childJourneyRoutes(app, services);
  siblingGroupRoutes(app, services);
}
