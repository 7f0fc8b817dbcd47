// Rendering a page with what every page needs: who is signed in, the navigation the top of the
// app worked out for them (web/navigation.ts), a CSRF token and any flash message.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface NavItem {
  text: string;
  href: string;
  active: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The navigation for this person and page; set for signed-in requests. */
    navigation?: NavItem[];
  }
}

export async function render(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown> = {}) {
  const flash = request.session?.flash;
  if (flash) request.session.flash = undefined;
  return reply.view(template, {
    actor: request.ctx?.actor,
    navigation: request.navigation ?? [],
    csrfToken: request.session ? reply.generateCsrf() : undefined,
    currentPath: request.url,
    flash,
    ...data,
  });
}
