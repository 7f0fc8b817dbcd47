// The child's journey: recording a permanence milestone, adding a care episode, and the
// reasons a child is waiting longer with their reviews.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../../core/errors.ts';
import { dateFromParts, saveOr } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { CATEGORIES_OF_NEED, LEGAL_STATUSES, MILESTONE_TYPES, PLACEMENT_PROVIDERS, PLACEMENTS, REASONS_CEASED, REASONS_PLACE_CHANGE, RNE, WAITING_REASONS } from '../codes.ts';
import * as children from '../service.ts';
import { codeItems, idFrom, many, one, pageErrors, type Body } from '../../core/http/forms.ts';
import { LABELS, MILESTONE_CODE_ITEMS } from './labels.ts';


// A disruption is recorded with its reasons and what happened next, on the placement's pages.
const MILESTONE_TYPE_ITEMS = codeItems(MILESTONE_TYPES, undefined, false).filter((i) => i.value !== 'disrupted');
const EPISODE_CHOICES = {
  rneItems: codeItems(RNE, 'Choose a reason'),
  legalStatusItems: codeItems(LEGAL_STATUSES, 'Not known'),
  placementItems: codeItems(PLACEMENTS, 'Not known'),
  providerItems: codeItems(PLACEMENT_PROVIDERS, 'Not known'),
  reasonCeasedItems: codeItems(REASONS_CEASED, 'The episode has not ended'),
  cinItems: codeItems(CATEGORIES_OF_NEED, 'As the current episode (or not known)'),
  // Without JavaScript the reason cannot appear only for a move: its first choice says there was none.
  reasonPlaceChangeItems: codeItems(REASONS_PLACE_CHANGE, 'Not a change of placement (or a temporary one)'),
};
const WAITING_REASON_ITEMS = codeItems(WAITING_REASONS, undefined, false);

export function childJourneyRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  /** The child for a form, refused (403) when the person may see them but not do this. */
  async function childFor(request: FastifyRequest, id: string, may: 'update' | 'recordMilestone') {
    return children.view(db, request.ctx!, id, may === 'update' ? 'update' : 'record-milestone');
  }

  // ---- record a milestone ----------------------------------------------------------------

  async function showMilestone(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, error?: ValidationError) {
    const view = await childFor(request, id, 'recordMilestone');
    if (error) reply.code(422);
    return render(request, reply, 'children/views/milestone.njk', {
      title: `Record a milestone – ${view.child.firstName} ${view.child.lastName}`, child: view.child, milestones: view.milestones, labels: LABELS,
      typeItems: MILESTONE_TYPE_ITEMS, codeItems: MILESTONE_CODE_ITEMS, values,
      errors: error ? pageErrors(error, ['date']) : undefined, backLink: `/children/${id}`,
    });
  }

  app.get('/children/:id/milestones/new', async (request, reply) => showMilestone(request, reply, idFrom(request.params), {}));

  app.post('/children/:id/milestones/new', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const input = { type: one(body, 'type'), date: dateFromParts(body, 'date'), code: one(body, 'code'), notes: one(body, 'notes') };
    return saveOr(request, reply, `/children/${id}`, 'The milestone has been recorded.', () => children.addMilestone(db, request.ctx!, id, input),
      (error) => showMilestone(request, reply, id, body, error));
  });

  // ---- add a care episode ----------------------------------------------------------------

  async function showEpisode(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, error?: ValidationError) {
    const view = await childFor(request, id, 'update');
    if (error) reply.code(422);
    return render(request, reply, 'children/views/episode.njk', {
      title: `Add a care episode – ${view.child.firstName} ${view.child.lastName}`, child: view.child, episodes: view.episodes, labels: LABELS,
      ...EPISODE_CHOICES, values, errors: error ? pageErrors(error, ['startDate', 'endDate']) : undefined, backLink: `/children/${id}`,
    });
  }

  app.get('/children/:id/episodes/new', async (request, reply) => showEpisode(request, reply, idFrom(request.params), {}));

  app.post('/children/:id/episodes/new', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const input = {
      startDate: dateFromParts(body, 'startDate'), rne: one(body, 'rne') || undefined, legalStatus: one(body, 'legalStatus'), placement: one(body, 'placement'),
      placementProvider: one(body, 'placementProvider'), endDate: dateFromParts(body, 'endDate'), reasonCeased: one(body, 'reasonCeased'),
      cin: one(body, 'cin'), reasonPlaceChange: one(body, 'reasonPlaceChange'), homePostcode: one(body, 'homePostcode'),
      placementPostcode: one(body, 'placementPostcode'), urn: one(body, 'urn'),
    };
    return saveOr(request, reply, `/children/${id}`, 'The care episode has been added.', () => children.addEpisode(db, request.ctx!, id, input),
      (error) => showEpisode(request, reply, id, body, error));
  });

  // ---- waiting longer: reasons and reviews -----------------------------------------------------

  /** The reasons as saved, with what was typed (if anything) over them. */
  async function showWaiting(request: FastifyRequest, reply: FastifyReply, id: string, typed: Body, error?: ValidationError) {
    const view = await childFor(request, id, 'update');
    const values: Body = {
      ...Object.fromEntries(view.waitingReasons.map((r) => [`notes-${r.reason}`, r.notes ?? ''])), ...typed,
      reasons: typed.reasons === undefined ? view.waitingReasons.map((r) => r.reason) : many(typed, 'reasons'),
    };
    if (error) reply.code(422);
    return render(request, reply, 'children/views/waiting.njk', {
      title: `Waiting longer – ${view.child.firstName} ${view.child.lastName}`, ...view, labels: LABELS, reasonItems: WAITING_REASON_ITEMS,
      values, backLink: `/children/${id}`,
      // `reasons.2.notes` is the notes box of the third reason ticked.
      errors: error ? pageErrors(error, ['reviewDate'], (field) => {
        const reason = /^reasons\.(\d+)\.notes$/.exec(field)?.[1];
        return reason === undefined ? field : `notes-${many(values, 'reasons')[Number(reason)] ?? ''}`;
      }) : undefined,
    });
  }

  app.get('/children/:id/waiting', async (request, reply) => showWaiting(request, reply, idFrom(request.params), {}));

  app.post('/children/:id/waiting', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const reasons = many(body, 'reasons').map((reason) => ({ reason, notes: one(body, `notes-${reason}`) }));
    return saveOr(request, reply, `/children/${id}`, 'The reasons the child is waiting have been saved.', () => children.setWaitingReasons(db, request.ctx!, id, { reasons }),
      (error) => showWaiting(request, reply, id, { ...body, reasons: many(body, 'reasons') }, error));
  });

  app.post('/children/:id/waiting/reviews', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const input = { reviewDate: dateFromParts(body, 'reviewDate'), summary: one(body, 'summary') };
    // On a mistake the reasons stay as saved and the review shows as typed.
    const typed = { 'reviewDate-day': body['reviewDate-day'], 'reviewDate-month': body['reviewDate-month'], 'reviewDate-year': body['reviewDate-year'], summary: body.summary };
    return saveOr(request, reply, `/children/${id}`, 'The review has been recorded.', () => children.addWaitingReview(db, request.ctx!, id, input),
      (error) => showWaiting(request, reply, id, typed, error));
  });
}
