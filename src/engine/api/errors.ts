/**
 * API errors shaped like metav1.Status, so kubectl can print them exactly as
 * it prints a real API server's answers.
 */

export type FieldErrorType = 'Invalid' | 'Required' | 'Forbidden' | 'Unsupported' | 'Duplicate' | 'NotFound' | 'TooLong' | 'TooMany';

/** One field.Error: renders as `<field>: <Type text>: <detail>` (see `fieldErrorMessage`). */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value, already rendered as upstream renders it (e.g. `-1`, `"Web"`, `{"app":"x"}`); omitted for Required/Forbidden. */
  value?: string;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  Forbidden: 'Forbidden',
  Unsupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  NotFound: 'Not found',
  TooLong: 'Too long',
  TooMany: 'Too many',
};

/** The cause message without the field: `Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorCause(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const showsValue = e.type === 'Invalid' || e.type === 'Unsupported' || e.type === 'Duplicate' || e.type === 'NotFound';
  if (showsValue && e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${fieldErrorCause(e)}`;
}

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError'
  | 'Gone'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'Timeout'
  /** metav1.StatusReasonUnknown: a server error that was not a Status (code 500); kubectl prints `Error from server: <message>`. */
  | '';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  InternalError: 500,
  Gone: 410,
  RequestEntityTooLarge: 413,
  Expired: 410,
  Timeout: 504,
  '': 500,
};

export interface StatusDetails {
  /** e.g. "StatefulSet" for Invalid, "statefulsets" for NotFound */
  kind?: string;
  group?: string;
  name?: string;
  causes?: { field: string; message: string }[];
}

/** An error the API server returns. `message` is metav1.Status.message verbatim. */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.code = CODES[reason];
  }
}

/** `statefulsets.apps "web" not found` */
export function notFound(qualifiedResource: string, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource} "${name}" not found`, { name, kind: qualifiedResource });
}

/** `statefulsets.apps "web" already exists` */
export function alreadyExists(qualifiedResource: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedResource} "${name}" already exists`, { name, kind: qualifiedResource });
}

/** `Operation cannot be fulfilled on statefulsets.apps "web": the object has been modified; please apply your changes to the latest version and try again` */
export function conflict(qualifiedResource: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource} "${name}": ${why}`, { name, kind: qualifiedResource });
}

/**
 * An Invalid error as the API server builds it: message
 * `StatefulSet.apps "web" is invalid: [a, b]` (brackets only for several), with causes.
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const msgs = errs.map(fieldErrorMessage);
  const qualified = group ? `${kind}.${group}` : kind;
  const joined = msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  return new ApiError('Invalid', `${qualified} "${name}" is invalid: ${joined}`, {
    kind,
    group,
    name,
    causes: errs.map((e) => ({ field: e.field, message: fieldErrorCause(e) })),
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

/** A watch or list from a resourceVersion the server no longer holds (HTTP 410, reason Expired). */
// Behaviour of apimachinery pkg/api/errors NewResourceExpired (v1.32)
export function resourceExpired(message: string): ApiError {
  return new ApiError('Expired', message);
}
