// Children pages: the list (filters, sorting, paging without JavaScript) and the child's page.
// The forms are in pages-details.ts (register, edit), pages-journey.ts (milestones, care
// episodes, waiting longer) and pages-siblings.ts (sibling groups).
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../core/errors.ts';
import type { AppServices } from '../../core/http/types.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { ChildListQuery } from '../input.ts';
import { STAGES, WAITING_FACTORS } from '../model.ts';
import * as children from '../service.ts';
import { childDetailsRoutes } from './pages-details.ts';
import { idFrom, pageErrors, type Body, type Item } from '../../core/http/forms.ts';
import { LABELS } from './labels.ts';
import * as casework from '../../casework/service.ts';
import { timelineItems } from '../../casework/timeline.ts';
import { childChronology } from '../chronology.ts';
import { childJourneyRoutes } from './pages-journey.ts';
import { previousPermanenceRoutes } from './pages-permanence.ts';
import { siblingGroupRoutes } from './pages-siblings.ts';
import { isSealed, sealedRecordRoutes, showSealed } from './pages-sealed.ts';


const SORTS: Item[] = [
  { value: 'name', text: 'Name' }, { value: 'age', text: 'Age (oldest first)' },
  { value: 'days-in-care', text: 'Time in care (longest first)' }, { value: 'stage', text: 'Stage' },
];

/** The list's address for another page of the same filters (defaults left out). */
function listPageHref(q: ChildListQuery, offset: number): string {
  return listHref('/children', {
    q: q.q, la: q.la, stage: q.stage, factor: q.factor, overdue: q.overdue ? 'yes' : undefined,
    sort: q.sort !== 'name' ? q.sort : undefined, limit: q.limit !== 50 ? q.limit : undefined, offset: offset > 0 ? offset : undefined,
  });
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
      canRegister: children.mayRegister(ctx),
    };
    try {
      const result = await children.list(db, ctx, raw);
      const total = Number(result.total);
      return render(request, reply, 'children/views/list.njk', {
        ...page, ...result, total, values: { ...result.query, overdue: result.query.overdue ? ['yes'] : [] },
        pagination: pagination({ total, offset: result.query.offset, limit: result.query.limit }, (offset) => listPageHref(result.query, offset), 'Pages of children'),
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
    const view = await children.view(db, request.ctx!, id).catch((error: unknown) => {
      if (isSealed(error)) return null;
      throw error;
    });
    if (!view) return showSealed(db, request, reply, id);
    const { child } = view;
    const story = await casework.storyForRecordPage(db, request.ctx!, 'child', id, childChronology(view.episodes, view.milestones));
    return render(request, reply, 'children/views/child.njk', {
      title: `${child.firstName} ${child.lastName}`, ...view, labels: LABELS, timeline: timelineItems(story), backLink: '/children',
    });
  });

  childDetailsRoutes(app, services);
  childJourneyRoutes(app, services);
  siblingGroupRoutes(app, services);
  previousPermanenceRoutes(app, services);
  sealedRecordRoutes(app, services);
}
