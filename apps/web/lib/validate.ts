import type { ZodType } from 'zod';
import { issuesToErrors, type FieldErrors } from './field-errors';

/** Validates a request with the API's own schema; errors keyed by request path, empty when valid. */
export function validateRequest(schema: ZodType, request: unknown): FieldErrors {
  const parsed = schema.safeParse(request);
  if (parsed.success) return {};
  return issuesToErrors(parsed.error.issues, request);
}
