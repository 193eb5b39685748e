import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document is generated from the routes' zod schemas; browse it at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Field visits API',
        description: 'Escalated debt-collection cases, field visits, evidence and risk signals.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/login' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'fv_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI injects <style> elements; its scripts are files, so the strict script policy stays.
    // The documentation page holds no debtor data.
    transformStaticCSP: (header) => header.replace(/style-src 'self'(?=;|$)/, "style-src 'self' 'unsafe-inline'"),
  });
}
