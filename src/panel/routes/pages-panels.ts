// Panel pages: the panels a person may see (and, for members, their meetings), making a panel,
// its page with members and meetings, adding a member, and arranging a meeting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, ValidationError, type FieldError } from '../../core/errors.ts';
import { dateFromParts, formErrors, idFrom, many, one, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as decisions from '../decisions-service.ts';
import * as meetings from '../meetings-service.ts';
import { MEMBER_ROLES } from '../model.ts';
import * as panels from '../service.ts';

export function panelPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/panels', async (request, reply) => {
    const ctx = request.ctx!;
    const { panels: list, canCreate } = await panels.listPanels(db, ctx);
    return render(request, reply, 'panel/views/panels.njk', {
      title: 'Adoption panels', panels: list, canCreate, meetings: await meetings.myMeetings(db, ctx), mayDecide: decisions.mayDecide(ctx),
    });
  });

  async function showNewPanel(request: FastifyRequest, reply: FastifyReply, values: Body, errors?: FieldError[]) {
    const choices = await panels.ownerChoices(db, request.ctx!);
    // No organisation the person may set up a panel for: the form is not for them.
    if (choices.length === 0) throw new ForbiddenError('Only panel advisers set up panels, for their own organisation');
    if (errors) reply.code(422);
    return render(request, reply, 'panel/views/new-panel.njk', { title: 'Set up a panel', values, owner: choices[0], errors: errors ? formErrors(errors) : undefined, backLink: '/panels' });
  }

  app.get('/panels/new', async (request, reply) => showNewPanel(request, reply, { quorumMinPresent: '5', quorumChairOrVice: 'yes', quorumSocialWorkerYears: '3', quorumIndependent: 'yes', decisionWorkingDays: '7' }));

  app.post('/panels/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await panels.createPanel(db, request.ctx!, {
        name: one(body, 'name'), quorumMinPresent: one(body, 'quorumMinPresent'), quorumChairOrVice: one(body, 'quorumChairOrVice') ?? 'no',
        quorumSocialWorkerYears: one(body, 'quorumSocialWorkerYears'), quorumIndependent: one(body, 'quorumIndependent') ?? 'no', decisionWorkingDays: one(body, 'decisionWorkingDays'),
      });
    } catch (error) {
      if (error instanceof ValidationError) return showNewPanel(request, reply, body, error.errors);
      throw error;
    }
    request.session.flash = 'The panel has been set up. Add its members next.';
    return reply.redirect(`/panels/${id}`, 303);
  });

  app.get('/panels/:id', async (request, reply) => {
    const view = await panels.viewPanel(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'panel/views/panel.njk', { title: view.panel.name, ...view, roles: MEMBER_ROLES, backLink: '/panels' });
  });

  async function showNewMember(request: FastifyRequest, reply: FastifyReply, panelId: string, values: Body, errors?: FieldError[]) {
    const { panel, accounts } = await panels.panelForms(db, request.ctx!, panelId);
    if (errors) reply.code(422);
    return render(request, reply, 'panel/views/new-member.njk', {
      title: 'Add a member', panel, values, errors: errors ? formErrors(errors, ['joinedOn']) : undefined, backLink: `/panels/${panelId}`,
      roleItems: [{ value: '', text: 'Select a role' }, ...Object.entries(MEMBER_ROLES).map(([value, text]) => ({ value, text }))],
      accountItems: [{ value: '', text: 'No account (name only)' }, ...accounts.map((a) => ({ value: a.id, text: a.displayName }))],
    });
  }

  app.get('/panels/:id/members/new', async (request, reply) => showNewMember(request, reply, idFrom(request.params), {}));

  app.post('/panels/:id/members/new', async (request, reply) => {
    const panelId = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    try {
      await panels.addMember(db, request.ctx!, panelId, {
        name: one(body, 'name'), role: one(body, 'role'), staffId: one(body, 'staffId'), pqeYears: one(body, 'pqeYears'),
        personalExperience: one(body, 'personalExperience') ?? 'no', joinedOn: dateFromParts(body, 'joinedOn'),
      });
    } catch (error) {
      if (error instanceof ValidationError) return showNewMember(request, reply, panelId, body, error.errors);
      throw error;
    }
    request.session.flash = `${one(body, 'name')?.trim()} has been added to the panel.`;
    return reply.redirect(`/panels/${panelId}`, 303);
  });

  async function showNewMeeting(request: FastifyRequest, reply: FastifyReply, panelId: string, values: Body, errors?: FieldError[]) {
    const view = await panels.panelForms(db, request.ctx!, panelId);
    if (errors) reply.code(422);
    const chosen = new Set(many(values, 'expected'));
    return render(request, reply, 'panel/views/new-meeting.njk', {
      title: 'Arrange a meeting', panel: view.panel, values, errors: errors ? formErrors(errors, ['date', 'papersUntil']) : undefined, backLink: `/panels/${panelId}`,
      memberItems: view.members.map((m) => ({ value: m.id, text: `${m.name} (${MEMBER_ROLES[m.role]})`, checked: chosen.has(m.id) })),
    });
  }

  app.get('/panels/:id/meetings/new', async (request, reply) => showNewMeeting(request, reply, idFrom(request.params), {}));

  app.post('/panels/:id/meetings/new', async (request, reply) => {
    const panelId = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await panels.createMeeting(db, request.ctx!, panelId, {
        date: dateFromParts(body, 'date'), venue: one(body, 'venue'), papersUntil: dateFromParts(body, 'papersUntil'), expected: many(body, 'expected'),
      });
    } catch (error) {
      if (error instanceof ValidationError) return showNewMeeting(request, reply, panelId, body, error.errors);
      throw error;
    }
    request.session.flash = 'The meeting has been arranged. Add its agenda next.';
    return reply.redirect(`/panel-meetings/${id}`, 303);
  });
}
