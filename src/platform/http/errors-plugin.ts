import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, TooManyRequests } from '../errors';

interface ValidationItem {
  instancePath?: string;
  schemaPath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `/names/0/script` → `names[0].script`; a missing or unknown property is named too. */
export function fieldOf(item: ValidationItem, part?: string): string {
  const path = (item.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
  const params = item.params ?? {};
  const extra =
    (params.requiredProperties as string[] | undefined)?.[0] ??
    (params.missingProperty as string | undefined) ??
    (params.additionalProperties as string[] | undefined)?.[0] ??
    (params.additionalProperty as string | undefined);
  const name = extra ? (path ? `${path}.${extra}` : extra) : path;
  return name || part || 'body';
}

/** One shape for every error: `{ error, message, field? }`; internals never reach the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(
    (error: FastifyError & { validation?: ValidationItem[]; validationContext?: string }, request, reply) => {
      if (error.validation && error.validation.length > 0) {
        const item = error.validation[0];
        const field = fieldOf(item, error.validationContext);
        const keyword = item.keyword;
        const reason =
          keyword === 'additionalProperties' || item.schemaPath?.endsWith('additionalProperties')
            ? 'is not a known field'
            : keyword === 'required'
              ? 'is required'
              : (item.message ?? 'is invalid');
        return reply.status(400).send({ error: 'bad_request', message: `${field}: ${reason}`, field });
      }
      if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error instanceof AppError) {
        return reply.status(error.statusCode).send({
          error: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return reply.status(status).send({ error: error.code ?? 'bad_request', message: error.message });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send({ error: 'internal', message: 'internal error' });
    },
  );
}
