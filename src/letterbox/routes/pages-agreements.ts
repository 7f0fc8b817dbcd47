// Letterbox pages: the overview (reminders with counts, and the agreements), setting up an
// agreement (choose the child, then the terms and parties), and an agreement's page with its
// timeline, its history and the forms to record a letter received and to change its status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../core/dates.ts';
import { ValidationError, type FieldError } from '../../core/errors.ts';
import { codeItems, dateFromParts, dateParts, formErrors, idFrom, many, one, paramsFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as exchanges from '../exchanges-service.ts';
import { AGREEMENT_DIRECTIONS, AGREEMENT_STATUSES, EXCHANGE_DIRECTIONS, MONTHS, SCREENING_OUTCOMES } from '../model.ts';
import * as letterbox from '../service.ts';

const newQuery = z.object({ child: z.uuid().optional(), q: z.string().max(100).optional() });
/** Rows for birth relatives typed on the form. */
const TYPED_ROWS = [0, 1, 2];

/** Every exchange, in order, for the MoJ timeline: each step it has been through, in a sentence. */
function timeline(exchanges: Awaited<ReturnType<typeof letterbox.viewAgreement>>['exchanges']) {
  return exchanges.map((e) => {
    const steps = [`Received on ${formatDate(e.receivedOn)} from ${e.from}.`];
    if (e.screenedOn) steps.push(`Screened on ${formatDate(e.screenedOn)}${e.screenedByName ? ` by ${e.screenedByName}` : ''}: ${SCREENING_OUTCOMES[e.outcome!].toLowerCase()}${e.redactions ? ` (redacted: ${e.redactions})` : ''}${e.withheldReason ? ` (${e.withheldReason})` : ''}.`);
    if (e.forwardedOn) steps.push(`Forwarded on ${formatDate(e.forwardedOn)} to ${e.to}.`);
    if (e.filedOn) steps.push(`Filed on the adoption record on ${formatDate(e.filedOn)}.`);
    return { id: e.id, title: `${EXCHANGE_DIRECTIONS[e.direction]}, due by ${formatDate(e.dueOn)}`, date: e.receivedOn, steps };
  });
}

const items = (codes: Record<string, string>) => codeItems(codes, undefined, false);
const monthItems = (empty: string) => [{ value: '', text: empty }, ...MONTHS.map((m, i) => ({ value: String(i + 1), text: m }))];

export function agreementPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/letterbox', async (request, reply) => {
    const ctx = request.ctx!;
    const q = request.query as Body;
    const [reminders, list] = await Promise.all([letterbox.reminders(db, ctx), letterbox.listAgreements(db, ctx, { status: one(q, 'status'), offset: one(q, 'offset') })]);
    return render(request, reply, 'letterbox/views/overview.njk', {
      title: 'Letterbox', ...reminders, canSetUp: letterbox.maySetUpAgreements(ctx), agreements: list.items, total: list.total, query: list.query,
      statusItems: [{ value: '', text: 'Any status' }, ...items(AGREEMENT_STATUSES)],
      pagination: pagination({ total: list.total, offset: list.query.offset, limit: list.query.limit }, (offset) => listHref('/letterbox', { status: list.query.status, offset: offset || undefined }), 'Agreements'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, errors?: FieldError[]) {
    const { child, q } = paramsFrom(newQuery, { child: one(values, 'childId') ?? one(request.query as Body, 'child'), q: one(request.query as Body, 'q') });
    const form = await letterbox.agreementForm(db, request.ctx!, { childId: child, q });
    if (errors) reply.code(422);
    const chosen = new Set(many(values, 'members'));
    return render(request, reply, 'letterbox/views/new-agreement.njk', {
      title: 'Set up a letterbox agreement', ...form, q, values, typedRows: TYPED_ROWS, backLink: form.child ? '/letterbox/agreements/new' : '/letterbox',
      errors: errors ? formErrors(errors.map((e) => ({ ...e, field: e.field.split('.')[0]! })), ['startDate', 'reviewOn']) : undefined,
      directionItems: items(AGREEMENT_DIRECTIONS).map((i) => ({ ...i, checked: values.direction === i.value })),
      frequencyItems: [{ value: '1', text: 'Once a year' }, { value: '2', text: 'Twice a year' }].map((i) => ({ ...i, checked: values.frequency === i.value })),
      firstMonthItems: monthItems('Select a month'), secondMonthItems: monthItems('None (once a year)'),
      memberItems: (form.birthFamily ?? []).map((m, i) => ({ value: String(i), text: `${m.name} (${m.relationship})`, checked: chosen.has(String(i)) })),
    });
  }

  app.get('/letterbox/agreements/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/letterbox/agreements/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parties = TYPED_ROWS.map((n) => ({ name: one(body, `partyName${n}`) ?? '', relationship: one(body, `partyRelationship${n}`) ?? '' })).filter((p) => p.name.trim() || p.relationship.trim());
    let id: string;
    try {
      id = await letterbox.createAgreement(db, request.ctx!, {
        childId: one(body, 'childId'), direction: one(body, 'direction'), frequency: one(body, 'frequency'), firstMonth: one(body, 'firstMonth'), secondMonth: one(body, 'secondMonth'),
        startDate: dateFromParts(body, 'startDate'), reviewOn: dateFromParts(body, 'reviewOn'), adoptiveFamily: one(body, 'adoptiveFamily'), members: many(body, 'members'), parties,
      });
    } catch (error) {
      if (error instanceof ValidationError) return showNew(request, reply, body, error.errors);
      throw error;
    }
    request.session.flash = 'The letterbox agreement has been set up.';
    return reply.redirect(`/letterbox/agreements/${id}`, 303);
  });

  async function showAgreement(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await letterbox.viewAgreement(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'letterbox/views/agreement.njk', {
      title: `Letterbox agreement for ${view.agreement.childName}`, ...view, backLink: '/letterbox', timeline: timeline(view.exchanges),
      // The change form starts from the current review date, so a change of status keeps it.
      values: errors ? values : { ...dateParts('reviewOn', view.agreement.reviewOn), ...values },
      errors: errors ? formErrors(errors, ['receivedOn', 'changedOn', 'reviewOn']) : undefined,
      directions: AGREEMENT_DIRECTIONS, exchangeDirections: EXCHANGE_DIRECTIONS, statuses: AGREEMENT_STATUSES,
      occasionItems: view.open.map((o) => ({ value: `${o.direction}|${o.dueOn}`, text: `${EXCHANGE_DIRECTIONS[o.direction]}, due by ${formatDate(o.dueOn)}${o.state === 'late' ? ' (late)' : ''}` })),
      senderItems: [{ value: '', text: 'The adoptive family (a letter to the birth family)' }, ...view.parties.map((p) => ({ value: p.id, text: p.label }))],
      statusItems: items(AGREEMENT_STATUSES).map((i) => ({ ...i, checked: (values.status ?? view.agreement.status) === i.value })),
    });
  }

  app.get('/letterbox/agreements/:id', async (request, reply) => showAgreement(request, reply, idFrom(request.params)));

  /** A form on the agreement's page: on a refusal the page again, naming the field. */
  async function agreementForm(request: FastifyRequest, reply: FastifyReply, work: (id: string, body: Body) => Promise<string>) {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    let flash: string;
    try {
      flash = await work(id, body);
    } catch (error) {
      if (error instanceof ValidationError) return showAgreement(request, reply, id, body, error.errors.map((e) => (e.field === 'direction' || e.field === 'dueOn' ? { ...e, field: 'occasion' } : e)));
      throw error;
    }
    request.session.flash = flash;
    return reply.redirect(`/letterbox/agreements/${id}`, 303);
  }

  app.post('/letterbox/agreements/:id/exchanges', async (request, reply) => agreementForm(request, reply, async (id, body) => {
    const [direction, dueOn] = (one(body, 'occasion') ?? '').split('|');
    await exchanges.receiveExchange(db, request.ctx!, id, { direction, dueOn, receivedOn: dateFromParts(body, 'receivedOn'), fromPartyId: one(body, 'fromPartyId') });
    return 'The letter has been recorded as received. It waits for screening.';
  }));

  app.post('/letterbox/agreements/:id/changes', async (request, reply) => agreementForm(request, reply, async (id, body) => {
    await letterbox.changeAgreement(db, request.ctx!, id, { status: one(body, 'status'), changedOn: dateFromParts(body, 'changedOn'), reviewOn: dateFromParts(body, 'reviewOn'), note: one(body, 'note') });
    return 'The change to the agreement has been recorded.';
  }));
}
