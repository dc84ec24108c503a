import { z } from "zod";
import { convert } from "openapi-to-postmanv2";
import { openApiDocument } from "./openapi";

// Only what we touch of a Postman v2.1 collection is typed; the rest passes through as the converter wrote it.
type PostmanItem = {
  name?: string;
  item?: PostmanItem[];
  request?: { url?: { path?: string[]; query?: { key: string; value?: string; disabled?: boolean }[] } };
};
const collectionSchema = z.looseObject({ item: z.array(z.unknown()), info: z.looseObject({}) });
export type PostmanCollection = z.infer<typeof collectionSchema> & { variable: { key: string; value: string }[] };

// Placeholders the converter writes for values the document has no example of: sent as-is they would be refused.
const PLACEHOLDER = /^<.*>$/;

function convertDocument(): Promise<z.infer<typeof collectionSchema>> {
  return new Promise((resolve, reject) => {
    convert(
      { type: "json", data: structuredClone(openApiDocument) },
      { folderStrategy: "Paths", parametersResolution: "Example" },
      (error, result) => {
        const data = result?.output?.[0]?.data;
        if (error || !result?.result || !data) reject(new Error(error?.message ?? result?.reason ?? "no collection"));
        else resolve(collectionSchema.parse(data));
      },
    );
  });
}

/** Keeps the /api/v1 requests, and leaves optional query parameters without a real value switched off. */
function tidy(items: PostmanItem[]): PostmanItem[] {
  return items.flatMap((item) => {
    if (item.item) {
      const children = tidy(item.item);
      return children.length > 0 ? [{ ...item, item: children }] : [];
    }
    const path = item.request?.url?.path ?? [];
    if (path[0] !== "api" || path[1] !== "v1") return [];
    for (const parameter of item.request?.url?.query ?? []) {
      if (PLACEHOLDER.test(parameter.value ?? "")) parameter.disabled = true;
    }
    return [item];
  });
}

let converted: Promise<z.infer<typeof collectionSchema>> | null = null;

/**
 * The Postman v2.1 collection of the API, generated from the OpenAPI document: every v1 request, a `baseUrl`
 * variable set to `baseUrl` and a `token` variable (empty here; the console fills it in the browser) used as the
 * bearer token of every request.
 */
export async function postmanCollection(baseUrl: string): Promise<PostmanCollection> {
  converted ??= convertDocument().catch((error: unknown) => {
    converted = null;
    throw error;
  });
  const collection = structuredClone(await converted);
  return {
    ...collection,
    item: tidy(collection.item as PostmanItem[]),
    auth: { type: "bearer", bearer: [{ key: "token", value: "{{token}}", type: "string" }] },
    variable: [
      { key: "baseUrl", value: baseUrl },
      { key: "token", value: "" },
    ],
  };
}
