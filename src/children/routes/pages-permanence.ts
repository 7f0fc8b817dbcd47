// The child's previous permanence (SSDA903 PrevPerm) on its own small page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../../core/errors.ts';
import { codeItems, dateFromParts, dateParts, idFrom, one, pageErrors, saveOr, type Body } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { PREVIOUS_PERMANENCE } from '../codes.ts';
import { setPreviousPermanence } from '../permanence.ts';
import * as children from '../service.ts';

const PREVIOUS_ORDER_ITEMS = codeItems(PREVIOUS_PERMANENCE, undefined, true);

export function previousPermanenceRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function show(request: FastifyRequest, reply: FastifyReply, id: string, typed: Body | null, error?: ValidationError) {
    const view = await children.view(db, request.ctx!, id, 'update');
    const p = view.previousPermanence;
    const values = typed ?? (p ? { previousOrder: p.previousOrder, laCode: p.laCode ?? '', ...dateParts('orderDate', p.orderDate) } : {});
    if (error) reply.code(422);
    return render(request, reply, 'children/views/previous-permanence.njk', {
      title: `Previous permanence – ${view.child.firstName} ${view.child.lastName}`, child: view.child, previousOrderItems: PREVIOUS_ORDER_ITEMS, values,
      errors: error ? pageErrors(error, ['orderDate']) : undefined, backLink: `/children/${id}`,
    });
  }

  app.get('/children/:id/previous-permanence', async (request, reply) => show(request, reply, idFrom(request.params), null));

  app.post('/children/:id/previous-permanence', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const input = { previousOrder: one(body, 'previousOrder'), laCode: one(body, 'laCode'), orderDate: dateFromParts(body, 'orderDate') };
    return saveOr(request, reply, `/children/${id}`, 'Previous permanence has been saved.', () => setPreviousPermanence(db, request.ctx!, id, input),
      (error) => show(request, reply, id, body, error));
  });
}
