import { AppError, ConflictError } from '../http/errors.js';

export class UnitUnavailableError extends ConflictError {
  constructor(callSign: string) {
    super(
      'unit_unavailable',
      `${callSign} is not available: it already holds an active assignment or is off shift`,
    );
  }
}

export class InvalidTransitionError extends ConflictError {
  constructor(from: string, to: string) {
    super('invalid_transition', `An assignment that is ${from} cannot become ${to}`);
  }
}

/** The request is well-formed but clinically unsafe or incomplete. */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, issues?: Array<{ path: string; message: string }>) {
    super(422, code, message, issues);
  }
}
