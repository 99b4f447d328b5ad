import type { FormErrors } from "./forms.server";

/**
 * What a form's page reads back from its action's answer (badRequest, tooManyRequests, limitRefused in
 * forms.server.ts): field errors, the values typed (shown again, never passwords), and for a throttled form
 * the minutes to wait. Remix infers only one shape of a multi-answer action, hence the plain read.
 */
export function formAnswer(actionData: unknown) {
  const answer = (actionData ?? {}) as {
    errors?: FormErrors;
    values?: Record<string, unknown>;
    retryInMinutes?: unknown;
  };
  return {
    errors: answer.errors ?? {},
    values: (answer.values ?? {}) as Record<string, string | undefined>,
    retryInMinutes: Number(answer.retryInMinutes ?? 0),
  };
}
