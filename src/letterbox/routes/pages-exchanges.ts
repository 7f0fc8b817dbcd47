// Letterbox exchange pages: the screening queue (received and not yet screened, oldest first,
// a page at a time), and an exchange's page with the form for its next step. A step out of order
// (forwarding before screening, forwarding what was withheld) is refused on the page, naming the
// field, and nothing is saved.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../../core/errors.ts';
import { codeItems, dateFromParts, formErrors, idFrom, one, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as exchanges from '../exchanges-service.ts';
import { SCREENING_OUTCOMES, type Step } from '../model.ts';

const FLASH: Record<Step, string> = {
  screen: 'The screening has been recorded.',
  forward: 'The forwarding has been recorded.',
  file: 'The copy on the adoption record has been recorded.',
};

export function exchangePageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/letterbox/screening', async (request, reply) => {
    const list = await exchanges.listExchanges(db, request.ctx!, { awaiting: 'screening', offset: one(request.query as Body, 'offset') });
    return render(request, reply, 'letterbox/views/screening.njk', {
      title: 'Letters awaiting screening', items: list.items, total: list.total, backLink: '/letterbox',
      pagination: pagination({ total: list.total, offset: list.query.offset, limit: list.query.limit }, (offset) => listHref('/letterbox/screening', { offset: offset || undefined }), 'Letters awaiting screening'),
    });
  });

  async function showExchange(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[], tried?: Step) {
    const view = await exchanges.viewExchange(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'letterbox/views/exchange.njk', {
      title: `Letter for ${view.agreement.childName}`, ...view, values, backLink: `/letterbox/agreements/${view.agreement.id}`,
      // The form shown is the next step's, or the one just refused (out of order, it names the step tried).
      formStep: tried ?? view.next,
      errors: errors ? formErrors(errors, ['screenedOn', 'forwardedOn', 'filedOn']) : undefined, outcomes: SCREENING_OUTCOMES,
      outcomeItems: codeItems(SCREENING_OUTCOMES, undefined, false).map((i) => ({ ...i, checked: values.outcome === i.value })),
      recipientItems: [{ value: '', text: 'Select the birth relative' }, ...view.recipients],
    });
  }

  app.get('/letterbox/exchanges/:id', async (request, reply) => showExchange(request, reply, idFrom(request.params)));

  /** A step's form: on a refusal the page again, naming the field. */
  function stepRoute(path: string, step: Step, input: (body: Body) => Record<string, unknown>) {
    app.post(`/letterbox/exchanges/:id/${path}`, async (request, reply) => {
      const id = idFrom(request.params);
      const body = (request.body ?? {}) as Body;
      try {
        await exchanges.recordStep(db, request.ctx!, id, step, input(body));
      } catch (error) {
        if (error instanceof ValidationError) return showExchange(request, reply, id, body, error.errors, step);
        throw error;
      }
      request.session.flash = FLASH[step];
      return reply.redirect(`/letterbox/exchanges/${id}`, 303);
    });
  }

  stepRoute('screening', 'screen', (b) => ({ screenedOn: dateFromParts(b, 'screenedOn'), outcome: one(b, 'outcome'), redactions: one(b, 'redactions'), withheldReason: one(b, 'withheldReason') }));
  stepRoute('forwarding', 'forward', (b) => ({ forwardedOn: dateFromParts(b, 'forwardedOn'), toPartyId: one(b, 'toPartyId') }));
  stepRoute('filing', 'file', (b) => ({ filedOn: dateFromParts(b, 'filedOn') }));
}
