import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  registerAjvFormats,
  type TypeBoxTypeProvider,
  TypeBoxValidatorCompiler,
} from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { alertRoutes } from './modules/alerts';
import { auditRoutes } from './modules/audit';
import { incidentRoutes } from './modules/incidents';
import { communicationsRoutes } from './modules/communications';
import { authRoutes } from './modules/auth';
import { estateRoutes } from './modules/estate';
import { housingRoutes } from './modules/housing';
import { recordRoutes, registerRoutes } from './modules/register';
import { monitoringRoutes } from './modules/monitoring';
import { reportRoutes } from './modules/reports';
import { legalRoutes } from './modules/legal';
import { consularRoutes, repatriationRoutes } from './modules/repatriation';
import { safeguardsRoutes } from './modules/safeguards';
import { intakeRoutes } from './modules/intake';
import { registerAuth } from './platform/http/auth-plugin';
import { registerErrorHandling } from './platform/http/errors-plugin';
import { healthRoutes } from './platform/health';
import { VERSION } from './platform/version';
import type { Services } from './services';

export interface AppOptions {
  services: Services;
  logLevel?: string;
  secureCookies?: boolean;
  /** Requests per minute per client, and log-in attempts per minute per client. */
  rateLimit?: { max: number; loginMax: number };
  /** The built web app (index.html and assets); served when present. */
  webRoot?: string | null;
  /** Told of every route as it is registered (the tests check that each has its cases). */
  onRoute?: (route: { method: string; url: string }) => void;
}

registerAjvFormats();

/**
 * Builds the HTTP application: platform plugins first (security headers, cookies, rate limits,
 * the OpenAPI document, the caller's identity), then each module's routes.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger:
      options.logLevel && options.logLevel !== 'silent'
        ? { level: options.logLevel, stream: process.stderr }
        : false,
    genReqId: () => randomUUID(),
    trustProxy: false,
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  if (options.onRoute) {
    const tell = options.onRoute;
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) tell({ method, url: route.url });
    });
  }
  registerErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
    hsts: options.secureCookies ? undefined : false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { max: options.rateLimit?.max ?? 1200, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Custodia API',
        version: VERSION,
        description: 'Custody platform: register, estate, alerts, audit.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'custodia_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app, services.principals, services.clock);

  const { clock } = services;
  await app.register(healthRoutes, { store: services.store });
  await app.register(authRoutes, {
    users: services.users,
    clock,
    secureCookies: options.secureCookies ?? false,
    loginRateLimit: options.rateLimit?.loginMax ?? 30,
  });
  await app.register(estateRoutes, { estate: services.estate, clock });
  await app.register(registerRoutes, { register: services.register, clock });
  await app.register(recordRoutes, { ...services.registerRecord, clock });
  await app.register(alertRoutes, { alerts: services.alerts, clock });
  await app.register(auditRoutes, { db: services.db, clock });
  await app.register(incidentRoutes, {
    incidents: services.incidents,
    posture: services.posture,
    notifications: services.notifications,
    clock,
  });
  await app.register(communicationsRoutes, {
    contraband: services.contraband,
    communications: services.communications,
    clock,
  });
  await app.register(monitoringRoutes, { ...services.monitoring, events: services.events, clock });
  await app.register(reportRoutes, { reports: services.reports, clock });
  await app.register(legalRoutes, { legal: services.legal, clock });
  await app.register(consularRoutes, { consular: services.consular, clock });
  await app.register(repatriationRoutes, { repatriation: services.repatriation, clock });
  await app.register(safeguardsRoutes, { ...services.safeguards, clock });
  await app.register(housingRoutes, { ...services.housing, clock });

  await app.register(intakeRoutes, { ...services.intake, clock });
  const webRoot = options.webRoot === undefined ? defaultWebRoot() : options.webRoot;
  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false });
    // The web app routes in the browser: any other page path gets its shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply
        .status(404)
        .send({ error: 'not_found', message: `${request.method} ${request.url.split('?')[0]} not found` });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ error: 'not_found', message: `${request.method} ${request.url.split('?')[0]} not found` }),
    );
  }
  return app;
}

function defaultWebRoot(): string {
  return path.resolve(new URL('..', import.meta.url).pathname, 'dist/web');
}
