// The JSON API is described by OpenAPI, generated from the same Zod schemas that validate
// it, and served at /api/v1/openapi.json.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function setUpApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mercia API',
        version: '1',
        description: 'Case management and performance for a regional adoption partnership. Errors are RFC 9457 problem JSON; lists are `{items: [...]}`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from `mercia token create --email …`' },
          session: { type: 'apiKey', in: 'cookie', name: 'mercia.sid' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // Only the API is described; pages are not part of it.
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/')) return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
  });

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
