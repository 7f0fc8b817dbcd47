// The agency decision maker's pages: the queue of decisions due (overdue first), an item with the
// panel's recommendation and the decision form, and the letter to the adopters (print or PDF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderPdf } from '../../casework/pdf.ts';
import { ValidationError, type FieldError } from '../../core/errors.ts';
import { dateFromParts, formErrors, idFrom, one, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as decisions from '../decisions-service.ts';

/** The address as typed in the letter's form: up to eight lines, blanks dropped. */
function addressLines(body: Body): string[] {
  return (one(body, 'address') ?? '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 8).map((l) => l.slice(0, 100));
}

export function decisionPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/panel-decisions', async (request, reply) => {
    const view = await decisions.decisionQueue(db, request.ctx!);
    return render(request, reply, 'panel/views/decisions.njk', { title: 'Panel decisions', ...view, backLink: '/panels' });
  });

  async function showDecision(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await decisions.viewDecision(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'panel/views/decision.njk', {
      title: `Decision: ${view.item.kindName}`, ...view, values, errors: errors ? formErrors(errors, ['decidedOn']) : undefined, backLink: '/panel-decisions',
    });
  }

  app.get('/panel-decisions/:id', async (request, reply) => showDecision(request, reply, idFrom(request.params)));

  app.post('/panel-decisions/:id', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    let late: boolean;
    try {
      ({ late } = await decisions.decide(db, request.ctx!, { itemId: id, decision: one(body, 'decision'), reasons: one(body, 'reasons'), decidedOn: dateFromParts(body, 'decidedOn') }));
    } catch (error) {
      if (error instanceof ValidationError) return showDecision(request, reply, id, body, error.errors);
      throw error;
    }
    request.session.flash = `The decision has been recorded${late ? ', after its deadline' : ''}.`;
    return reply.redirect(`/panel-decisions/${id}`, 303);
  });

  async function showLetter(request: FastifyRequest, reply: FastifyReply, address: string[]) {
    const id = idFrom(request.params);
    const { letter } = await decisions.letter(db, request.ctx!, id, address);
    return render(request, reply, 'panel/views/letter.njk', { title: letter.title, letter, itemId: id, address: address.join('\n'), backLink: `/panel-decisions/${id}` });
  }

  app.get('/panel-decisions/:id/letter', async (request, reply) => showLetter(request, reply, []));
  app.post('/panel-decisions/:id/letter', async (request, reply) => showLetter(request, reply, addressLines((request.body ?? {}) as Body)));

  app.get('/panel-decisions/:id/letter.pdf', async (request, reply) => {
    const id = idFrom(request.params);
    const { letter } = await decisions.letter(db, request.ctx!, id);
    const pdf = await renderPdf(letter);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="decision-letter-${id}.pdf"`).header('cache-control', 'no-store').send(pdf);
  });
}
