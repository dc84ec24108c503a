import type { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A list page's search parameters through its schema: the value, or one readable line per problem, each starting
 * with the label of the field it concerns, so a hand-edited URL gets a message instead of an error page.
 */
export function parseSearchParams<T>(
  schema: z.ZodType<T>,
  params: unknown,
  labels: Record<string, string>,
): { ok: true; data: T } | { ok: false; messages: string[] } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, data: parsed.data };
  const messages = parsed.error.issues.map((issue) => {
    const name = issue.path.findLast((part) => typeof part === "string" && part in labels);
    const field = typeof name === "string" ? labels[name] : undefined;
    const message = issue.code === "invalid_type" ? "give one value" : issue.message;
    return field ? `${field}: ${message}` : message;
  });
  return { ok: false, messages: [...new Set(messages)] };
}
