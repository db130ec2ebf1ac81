/**
 * Errors the HTTP layer turns into status codes. Services throw these; routes never build
 * error responses by hand, so every refusal has the same shape: `{ error, message, field? }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class BadRequest extends AppError {
  constructor(message: string, field?: string) {
    super(400, 'bad_request', message, field);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'log in first') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'not allowed') {
    super(403, 'forbidden', message);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, field?: string) {
    super(409, 'conflict', message, field);
  }
}

export class TooManyRequests extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_requests', message);
  }
}
