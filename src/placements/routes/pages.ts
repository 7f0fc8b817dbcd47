// Placement pages: the list (with filters), starting introductions from a matched child, a
// placement's page with the form for its next step and its reviews, the disruption form, and the
// disruptions list counted by type. Plain GOV.UK forms that work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../../core/errors.ts';
import { codeItems, dateFromParts, formErrors, idFrom, many, one, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import {
  ADOPTION_PLACEMENTS, DISRUPTION_KINDS, DISRUPTION_REASONS, INTRODUCTION_REVIEWS, NEXT_FOR_CHILD, ORDERS, PLACEMENTS_AFTER_DISRUPTION, PROVIDERS, REVERSAL_REASONS, STATUSES,
} from '../codes.ts';
import * as placements from '../service.ts';

const DATE_FIELDS = ['introductionsStart', 'plannedMoveOn', 'reviewedOn', 'placedOn', 'heldOn', 'appliedOn', 'orderOn', 'occurredOn'];
const LABELS = { statuses: STATUSES, placements: ADOPTION_PLACEMENTS, providers: PROVIDERS, orders: ORDERS, reviews: INTRODUCTION_REVIEWS, kinds: DISRUPTION_KINDS, reasons: DISRUPTION_REASONS, next: NEXT_FOR_CHILD, reversals: REVERSAL_REASONS };
const CHOICES = {
  outcomeItems: codeItems(INTRODUCTION_REVIEWS, undefined, false),
  placementItems: codeItems(ADOPTION_PLACEMENTS, 'Select the placement'),
  providerItems: codeItems(PROVIDERS, 'Select the provider'),
  orderItems: codeItems(ORDERS, 'Select the order'),
};

export function placementPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/placements', async (request, reply) => {
    const view = await placements.list(db, request.ctx!, request.query);
    const href = (offset: number) => listHref('/placements', { status: view.query.status, child: view.query.child, offset: offset || undefined });
    return render(request, reply, 'placements/views/list.njk', {
      title: 'Placements', ...view, labels: LABELS, pagination: pagination(view, href, 'Placements'),
      statusItems: codeItems(STATUSES, 'Any status', false).map((i) => ({ ...i, selected: i.value === (view.query.status ?? '') })),
    });
  });

  async function showPlan(request: FastifyRequest, reply: FastifyReply, childId: string, values: Body = {}, errors?: FieldError[]) {
    const view = await placements.planFor(db, request.ctx!, childId);
    if (errors) reply.code(422);
    return render(request, reply, 'placements/views/new.njk', { title: 'Plan introductions', ...view, childId, values, errors: errors ? formErrors(errors, DATE_FIELDS) : undefined, backLink: `/children/${childId}` });
  }

  app.get('/placements/new', async (request, reply) => showPlan(request, reply, idFrom({ id: (request.query as Record<string, unknown>)?.child })));

  app.post('/placements', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const childId = idFrom({ id: one(body, 'childId') });
    let id: string;
    try {
      id = await placements.start(db, request.ctx!, { childId, introductionsStart: dateFromParts(body, 'introductionsStart'), plannedMoveOn: dateFromParts(body, 'plannedMoveOn') });
    } catch (error) {
      if (error instanceof ValidationError) return showPlan(request, reply, childId, body, error.errors);
      throw error;
    }
    request.session.flash = 'Introductions have been planned.';
    return reply.redirect(`/placements/${id}`, 303);
  });

  async function showPlacement(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await placements.view(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'placements/views/placement.njk', {
      title: `Placement of ${view.placement.childNames.join(' and ')}`, ...view, labels: LABELS, ...CHOICES, values, errors: errors ? formErrors(errors, DATE_FIELDS) : undefined, backLink: '/placements',
    });
  }

  /** A step's form on the placement's page: on a refusal the page again with the error on the form's field. */
  function stepForm(path: string, flash: string, work: (request: FastifyRequest, id: string, body: Body) => Promise<unknown>) {
    app.post(`/placements/:id/${path}`, async (request, reply) => {
      const id = idFrom(request.params);
      const body = (request.body ?? {}) as Body;
      try {
        await work(request, id, body);
      } catch (error) {
        if (error instanceof ValidationError) return showPlacement(request, reply, id, { ...body, form: path }, error.errors);
        throw error;
      }
      request.session.flash = flash;
      return reply.redirect(`/placements/${id}`, 303);
    });
  }

  app.get('/placements/:id', async (request, reply) => showPlacement(request, reply, idFrom(request.params)));
  stepForm('introductions-review', 'The review of introductions has been recorded.', (r, id, b) => placements.reviewIntroductions(db, r.ctx!, id, { reviewedOn: dateFromParts(b, 'reviewedOn'), outcome: one(b, 'outcome'), plannedMoveOn: dateFromParts(b, 'plannedMoveOn') }));
  stepForm('move', 'The move has been recorded: the children are placed for adoption.', (r, id, b) => placements.move(db, r.ctx!, id, { placedOn: dateFromParts(b, 'placedOn'), placementCode: one(b, 'placementCode'), providerCode: one(b, 'providerCode'), placementPostcode: one(b, 'placementPostcode'), urn: one(b, 'urn') }));
  stepForm('reviews', 'The review has been recorded.', (r, id, b) => placements.addReview(db, r.ctx!, id, { heldOn: dateFromParts(b, 'heldOn'), summary: one(b, 'summary') }));
  stepForm('application', 'The application for the adoption order has been recorded.', (r, id, b) => placements.apply(db, r.ctx!, id, { appliedOn: dateFromParts(b, 'appliedOn') }));
  stepForm('order', 'The adoption order has been recorded.', (r, id, b) => placements.order(db, r.ctx!, id, { orderOn: dateFromParts(b, 'orderOn'), orderCode: one(b, 'orderCode') }));

  async function showDisruption(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await placements.view(db, request.ctx!, id, 'update');
    if (errors) reply.code(422);
    return render(request, reply, 'placements/views/disruption.njk', {
      title: 'Record a disruption', ...view, labels: LABELS, values, errors: errors ? formErrors(errors, DATE_FIELDS) : undefined, backLink: `/placements/${id}`,
      reasonItems: codeItems(DISRUPTION_REASONS, undefined, false).map((i) => ({ ...i, checked: many(values, 'reasons').includes(i.value) })),
      nextItems: codeItems(NEXT_FOR_CHILD, undefined, false),
      nextPlacementItems: codeItems(PLACEMENTS_AFTER_DISRUPTION, 'Select the placement'),
      reversalItems: codeItems(REVERSAL_REASONS, 'The plan stands: adoption is still the plan'),
    });
  }

  app.get('/placements/:id/disruption', async (request, reply) => showDisruption(request, reply, idFrom(request.params)));
  app.post('/placements/:id/disruption', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    try {
      await placements.disrupt(db, request.ctx!, id, {
        occurredOn: dateFromParts(body, 'occurredOn'), reasons: many(body, 'reasons'), details: one(body, 'details'), nextForChild: one(body, 'nextForChild'),
        nextPlacement: one(body, 'nextPlacement'), nextPlacementPostcode: one(body, 'nextPlacementPostcode'), nextUrn: one(body, 'nextUrn'), planReversed: one(body, 'planReversed'),
      });
    } catch (error) {
      if (error instanceof ValidationError) return showDisruption(request, reply, id, body, error.errors);
      throw error;
    }
    request.session.flash = 'The disruption has been recorded.';
    return reply.redirect(`/placements/${id}`, 303);
  });

  app.get('/disruptions', async (request, reply) => {
    const view = await placements.disruptions(db, request.ctx!, request.query);
    const href = (offset: number) => listHref('/disruptions', { kind: view.query.kind, offset: offset || undefined });
    return render(request, reply, 'placements/views/disruptions.njk', {
      title: 'Disruptions', ...view, labels: LABELS, pagination: pagination(view, href, 'Disruptions'), backLink: '/placements',
      kindItems: codeItems(DISRUPTION_KINDS, 'Any type', false).map((i) => ({ ...i, selected: i.value === (view.query.kind ?? '') })),
    });
  });
}
