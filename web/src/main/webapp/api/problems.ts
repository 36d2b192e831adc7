// The one place that turns a failed call into what a person reads: an RFC 9457 problem's detail (and the field
// errors it names), or a plain sentence for a network failure or a server error without one.

export interface FieldProblem { field: string; message: string }

export interface Problem {
  status: number;          // 0 when the server was not reached
  title: string;
  detail: string;
  errors: FieldProblem[];
}

function isResponseError(e: unknown): e is { response: Response } {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'ResponseError'
    && (e as { response?: unknown }).response instanceof Response;
}

export async function toProblem(e: unknown): Promise<Problem> {
  if (isResponseError(e)) {
    const response = e.response;
    let body: Record<string, unknown> = {};
    try {
      const type = response.headers.get('Content-Type') ?? '';
      if (type.includes('json')) body = await response.clone().json();
    } catch {
      /* not JSON: fall back to the status */
    }
    const status = response.status;
    const detail = typeof body.detail === 'string' && body.detail
      ? body.detail
      : status >= 500 ? 'Verity had a problem answering. Please try again in a moment.'
        : `The request failed (${status}${response.statusText ? ' ' + response.statusText : ''}).`;
    const errors = Array.isArray(body.errors)
      ? (body.errors as Array<Record<string, unknown>>).map((x) => ({ field: String(x.field ?? ''), message: String(x.message ?? '') }))
      : [];
    return { status, title: String(body.title ?? response.statusText ?? 'Error'), detail, errors };
  }
  return {
    status: 0,
    title: 'Not reachable',
    detail: 'Verity cannot be reached right now. Check your connection and try again.',
    errors: [],
  };
}

/** The message for one field (the last segment of a problem's field path matches, e.g. "createCard.request.title"). */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  if (!problem) return undefined;
  // "tags[0]" is about the tags field; "createCard.request.title" about the title
  const hit = problem.errors.find((x) => {
    const name = x.field.replace(/\[\d+\]$/, '');
    return name === field || name.endsWith('.' + field);
  });
  return hit?.message;
}

export function statusOf(e: unknown): number {
  return isResponseError(e) ? e.response.status : 0;
}
