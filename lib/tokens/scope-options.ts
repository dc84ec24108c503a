import { asc, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { semanticModels, subscriptions } from "../db/schema";

/** What the create form offers under **Only selected**: every subscription and model by name. */
export async function scopeOptions() {
  const [subscriptionRows, modelRows] = await Promise.all([
    db.select({ id: subscriptions.id, name: subscriptions.name }).from(subscriptions).orderBy(asc(subscriptions.name)),
    db
      .select({ id: semanticModels.id, name: semanticModels.name })
      .from(semanticModels)
      .orderBy(asc(semanticModels.name)),
  ]);
  return { subscriptions: subscriptionRows, semanticModels: modelRows };
}

/** The names of the resources a token's scope lists (ones deleted since are simply missing). */
export async function scopeNames(subscriptionIds: string[] | null, semanticModelIds: string[] | null) {
  const [subscriptionRows, modelRows] = await Promise.all([
    subscriptionIds?.length
      ? db
          .select({ id: subscriptions.id, name: subscriptions.name })
          .from(subscriptions)
          .where(inArray(subscriptions.id, subscriptionIds))
      : [],
    semanticModelIds?.length
      ? db
          .select({ id: semanticModels.id, name: semanticModels.name })
          .from(semanticModels)
          .where(inArray(semanticModels.id, semanticModelIds))
      : [],
  ]);
  return { subscriptions: subscriptionRows, semanticModels: modelRows };
}
