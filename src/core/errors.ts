// Errors the service layer raises on purpose. Routes turn them into a GOV.UK error summary
// (pages), RFC 9457 problem JSON (API) or a message naming the argument (CLI).

export interface FieldError {
  /** The input field, as the form or JSON names it (e.g. `leftOn`). */
  field: string;
  message: string;
}

/** Input that breaks a rule. Nothing has been written. */
export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'ValidationError';
  }
  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

/** The record does not exist, or the policy refuses to admit it exists. */
export class NotFoundError extends Error {
  constructor(what = 'Record') {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** The person may see the record but not do this to it. */
export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The request conflicts with the record's current state (e.g. a duplicate). */
export class ConflictError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
