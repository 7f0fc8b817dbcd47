// Sibling groups: the group's page with the together-or-apart decision, and making a group.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../../core/errors.ts';
import { dateFromParts } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import * as children from '../service.ts';
import { asValidationError, dateParts, idFrom, one, pageErrors, type Body } from '../../core/http/forms.ts';

/** The child a new group starts from, named by `?child=` (or the form's hidden field). */
const startingChild = (from: unknown) => idFrom({ id: (from as Body).child });

export function siblingGroupRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  // ---- the group and its decision ----------------------------------------------------------

  async function showGroup(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown> | null, error?: ValidationError) {
    const view = await children.viewSiblingGroup(db, request.ctx!, id);
    const { group } = view;
    const current = { decision: group.decision, ...dateParts('date', group.decisionDate), reasons: group.decisionReasons };
    if (error) reply.code(422);
    return render(request, reply, 'children/views/sibling-group.njk', {
      title: `Sibling group: ${group.name}`, ...view, values: values ?? current,
      errors: error ? pageErrors(error, ['date']) : undefined,
    });
  }

  app.get('/sibling-groups/:id', async (request, reply) => showGroup(request, reply, idFrom(request.params), null));

  app.post('/sibling-groups/:id/decision', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const input = { decision: one(body, 'decision'), date: dateFromParts(body, 'date'), reasons: one(body, 'reasons') };
    try {
      await children.recordSiblingDecision(db, request.ctx!, id, input);
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showGroup(request, reply, id, body, invalid);
      throw error;
    }
    request.session.flash = 'The decision has been recorded.';
    return reply.redirect(`/sibling-groups/${id}`, 303);
  });

  // ---- make a group ----------------------------------------------------------------------

  async function showNew(request: FastifyRequest, reply: FastifyReply, childId: string, values: Record<string, unknown>, error?: ValidationError) {
    const view = await children.view(db, request.ctx!, childId, 'manage-siblings');
    if (view.siblingGroup) return reply.redirect(`/sibling-groups/${view.siblingGroup.id}`, 303);
    if (error) reply.code(422);
    return render(request, reply, 'children/views/new-sibling-group.njk', {
      title: 'Make a sibling group', child: view.child, values,
      errors: error ? pageErrors(error, []) : undefined, backLink: `/children/${childId}`,
    });
  }

  app.get('/sibling-groups/new', async (request, reply) => {
    const child = startingChild(request.query);
    return showNew(request, reply, child, {});
  });

  app.post('/sibling-groups/new', async (request, reply) => {
    const body = request.body as Body;
    const child = startingChild(body);
    const others = (one(body, 'childIds') ?? '').split(/[\s,]+/).filter(Boolean);
    let id: string;
    try {
      id = await children.createSiblingGroup(db, request.ctx!, { name: one(body, 'name'), childIds: [child, ...others] });
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, child, body, invalid);
      throw error;
    }
    request.session.flash = 'The sibling group has been made.';
    return reply.redirect(`/sibling-groups/${id}`, 303);
  });
}
