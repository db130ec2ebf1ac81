import { Type } from '@fastify/type-provider-typebox';

/** Shared pieces of route schemas. */
export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  },
  { $id: 'Error' },
);

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export function paged<T extends import('@fastify/type-provider-typebox').TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** The standard refusals, added to every route's documented responses. */
export const refusals = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
};

export const IsoDateTime = Type.String({ format: 'date-time' });
/** YYYY, YYYY-MM or YYYY-MM-DD: dates of birth are often known only to the year. */
export const PartialDate = Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' });

/** A field that may be null. */
export const Nullable = <T extends import('@fastify/type-provider-typebox').TSchema>(t: T) =>
  Type.Union([t, Type.Null()]);
