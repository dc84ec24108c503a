import { z } from "zod";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads at most MAX_BODY_BYTES without buffering more, then parses JSON (empty body = `{}`) with the schema. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES)
    throw new ApiError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
  const text = await readLimited(request);
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_request", "The body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError("invalid_request", describeIssues(parsed.error));
  return parsed.data;
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join(".") : "body";
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}

/** Trigger bodies are empty or `{}` (SPEC §4). */
export const emptyBodySchema = z.strictObject({});
