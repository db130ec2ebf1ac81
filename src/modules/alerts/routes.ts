import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { type AlertsService, SEVERITIES } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { principalOf } from '../../platform/http/context';
import { ErrorBody, IdParams, paged, Paging, refusals, Nullable } from '../../platform/http/schemas';

const Alert = Type.Object({
  id: Type.String(),
  siteId: Nullable(Type.String()),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  kind: Type.String(),
  severity: Type.String(),
  title: Type.String(),
  detail: Type.String(),
  raisedAt: Type.String(),
  raisedBy: Type.String(),
  dueAt: Type.String(),
  status: Type.String(),
  assigneeId: Nullable(Type.String()),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgeNote: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  resolvedBy: Nullable(Type.String()),
  resolveNote: Nullable(Type.String()),
  escalationLevel: Type.Integer(),
  escalatedAt: Nullable(Type.String()),
});
const Note = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** The alerts of every capability: listed per site and per user, acknowledged, resolved. */
export const alertRoutes: FastifyPluginAsyncTypebox<{ alerts: AlertsService; clock: Clock }> = async (
  app,
  { alerts, clock },
) => {
  app.get(
    '/api/alerts',
    {
      config: { permission: 'alert.read' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts in my sites; `mine=true` for those assigned to me',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            status: Type.Optional(Type.Enum(['open', 'acknowledged', 'resolved', 'active'])),
            severity: Type.Optional(Type.Enum([...SEVERITIES])),
            mine: Type.Optional(Type.Boolean()),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Alert), ...refusals },
      },
    },
    async (request) => {
      const { mine, ...filter } = request.query;
      return alerts.list(actorOf(request, clock), {
        ...filter,
        assigneeId: mine ? principalOf(request).id : undefined,
      });
    },
  );

  app.post(
    '/api/alerts',
    {
      config: { permission: 'alert.raise' },
      schema: {
        tags: ['alerts'],
        summary: 'Raise an alert by hand',
        body: Type.Object(
          {
            siteId: Type.String({ minLength: 1 }),
            subjectType: Type.String({ minLength: 1, maxLength: 50 }),
            subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            kind: Type.String({ minLength: 1, maxLength: 80 }),
            severity: Type.Enum([...SEVERITIES]),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            detail: Type.Optional(Type.String({ maxLength: 4000 })),
            dueAt: Type.Optional(Type.String({ format: 'date-time' })),
            assigneeId: Type.Optional(Type.String({ minLength: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Alert, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await alerts.raise(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { permission: 'alert.read' },
      schema: {
        tags: ['alerts'],
        summary: 'One alert',
        params: IdParams,
        response: { 200: Alert, ...refusals },
      },
    },
    async (request) => alerts.get(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { permission: 'alert.handle' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge with a note (stops escalation)',
        params: IdParams,
        body: Note,
        response: { 200: Alert, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => alerts.acknowledge(actorOf(request, clock), request.params.id, request.body.note),
  );

  app.post(
    '/api/alerts/:id/resolve',
    {
      config: { permission: 'alert.handle' },
      schema: {
        tags: ['alerts'],
        summary: 'Resolve with a note',
        params: IdParams,
        body: Note,
        response: { 200: Alert, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => alerts.resolve(actorOf(request, clock), request.params.id, request.body.note),
  );
};
