import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { refusals } from '../../platform/http/schemas';
import { POPULATION_GROUPINGS, type ReportsService } from './reports-service';

const PopulationQuery = Type.Object(
  { by: Type.Union(POPULATION_GROUPINGS.map((g) => Type.Literal(g))) },
  { additionalProperties: false },
);
const PopulationRow = Type.Object({
  nationality: Type.Optional(Type.String()),
  site: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  count: Type.Integer(),
});

/** Reports and exports: the population by nationality, site or status; the register as CSV. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService; clock: Clock }> = async (
  app,
  { reports, clock },
) => {
  app.get(
    '/api/reports/population',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        summary: 'Detainees arriving or in custody in my sites, counted by nationality, site or status',
        querystring: PopulationQuery,
        response: { 200: Type.Array(PopulationRow), ...refusals },
      },
    },
    async (request) => reports.population(actorOf(request, clock), request.query.by),
  );

  app.get(
    '/api/reports/population.csv',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        summary: 'The population report as a CSV download',
        querystring: PopulationQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...refusals },
      },
    },
    async (request, reply) => {
      const { by } = request.query;
      const rows = await reports.population(actorOf(request, clock), by);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="population-by-${by}.csv"`)
        .send(reports.populationCsv(by, rows));
    },
  );

  app.get(
    '/api/exports/detainees.csv',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        summary: 'Every detainee of my sites (or of one site) with the fields of the list, as CSV',
        querystring: Type.Object(
          { siteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...refusals },
      },
    },
    async (request, reply) => {
      const items = await reports.exportDetainees(actorOf(request, clock), { siteId: request.query.siteId });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="detainees.csv"')
        .send(reports.detaineesCsv(items));
    },
  );
};
