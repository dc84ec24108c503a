import { createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { sql as dsql, eq, lt } from "drizzle-orm";
import { sql, db } from "../db/client";
import { reportFiles, type ReportFile } from "../db/schema";
import { appUrl, env } from "../env";
import { log } from "../log";
import { firstRow } from "../db/first-row";
import { writeAudit } from "../audit/record";

// Bytes per lowrite / loread call: few round trips, little memory.
const CHUNK_BYTES = 256 * 1024;
// lo_open modes (libpq-fs.h).
const INV_WRITE = 0x20000;
const INV_READ = 0x40000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The link's signature: only this server (AUTH_SECRET) can make one, and it names one file. */
export function downloadSignature(id: string): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`sluice-download:${id}`).digest("base64url");
}

export function downloadUrl(id: string): string {
  return `${appUrl()}/downloads/${id}?sig=${downloadSignature(id)}`;
}

function signatureMatches(id: string, sig: string): boolean {
  const expected = Buffer.from(downloadSignature(id));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type StoredFile = { id: string; url: string; expiresAt: Date };

/**
 * Keeps a rendered report for DOWNLOAD_LINK_DAYS as a Postgres large object, streamed from the file in chunks, and
 * its row, in one transaction: either both exist or neither. A retried run reuses the file its first attempt stored.
 */
export async function storeReportFile(
  runId: string | null,
  file: { path: string; filename: string; contentType: string; bytes: number },
): Promise<StoredFile> {
  const [existing] = runId
    ? await db
        .select({ id: reportFiles.id, expiresAt: reportFiles.expiresAt })
        .from(reportFiles)
        .where(eq(reportFiles.runId, runId))
        .limit(1)
    : [];
  if (existing) return { ...existing, url: downloadUrl(existing.id) };
  const expiresAt = new Date(Date.now() + env.DOWNLOAD_LINK_DAYS * DAY_MS);
  const id = await sql.begin(async (tx) => {
    const { oid } = firstRow(await tx<{ oid: number }[]>`select lo_creat(-1)::bigint as oid`);
    const { fd } = firstRow(await tx<{ fd: number }[]>`select lo_open(${oid}::bigint::oid, ${INV_WRITE}) as fd`);
    for await (const chunk of createReadStream(file.path, { highWaterMark: CHUNK_BYTES })) {
      await tx`select lowrite(${fd}, ${chunk as Buffer})`;
    }
    await tx`select lo_close(${fd})`;
    const row = firstRow(
      await tx<{ id: string }[]>`
        insert into report_files (run_id, object_id, filename, content_type, bytes, expires_at)
        values (${runId}, ${oid}, ${file.filename}, ${file.contentType}, ${file.bytes}, ${expiresAt.toISOString()}::timestamptz)
        returning id`,
    );
    return row.id;
  });
  return { id, url: downloadUrl(id), expiresAt };
}

/** The file a link names, when its signature is right and it has not expired; otherwise null. */
export async function findDownload(id: string, sig: string): Promise<ReportFile | null> {
  if (!signatureMatches(id, sig)) return null;
  const [file] = await db.select().from(reportFiles).where(eq(reportFiles.id, id)).limit(1);
  if (!file || file.expiresAt.getTime() <= Date.now()) return null;
  return file;
}

/** Counts a download that is under way and audits it (`report.downloaded`), in one transaction. */
export async function recordDownload(file: ReportFile, ip: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(reportFiles)
      .set({ downloads: dsql`${reportFiles.downloads} + 1` })
      .where(eq(reportFiles.id, file.id));
    await writeAudit(tx, {
      action: "report.downloaded",
      actorLabel: "download link",
      targetType: "report-file",
      targetId: file.id,
      ip,
      details: { runId: file.runId, filename: file.filename, bytes: file.bytes },
    });
  });
}

/**
 * The large object as a web stream, read chunk by chunk as the client takes it, in one read-only transaction on a
 * reserved connection (a large object is read through a descriptor that lives in a transaction).
 */
export async function largeObjectStream(objectId: number): Promise<ReadableStream<Uint8Array>> {
  const connection = await sql.reserve();
  let fd: number;
  try {
    await connection`begin read only`;
    ({ fd } = firstRow(
      await connection<{ fd: number }[]>`select lo_open(${objectId}::bigint::oid, ${INV_READ}) as fd`,
    ));
  } catch (error) {
    await connection`rollback`.catch(() => {});
    connection.release();
    throw error;
  }
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    await connection`rollback`.catch(() => {});
    connection.release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { data } = firstRow(await connection<{ data: Buffer }[]>`select loread(${fd}, ${CHUNK_BYTES}) as data`);
        if (data.length > 0) controller.enqueue(new Uint8Array(data));
        if (data.length < CHUNK_BYTES) {
          await finish();
          controller.close();
        }
      } catch (error) {
        await finish();
        controller.error(error);
      }
    },
    cancel: finish,
  });
}

/** Removes expired files and their large objects; returns how many. Safe to run from several workers at once. */
export async function removeExpiredFiles(now: Date = new Date()): Promise<number> {
  const removed = await db.transaction(async (tx) => {
    const gone = await tx
      .delete(reportFiles)
      .where(lt(reportFiles.expiresAt, now))
      .returning({ objectId: reportFiles.objectId });
    for (const { objectId } of gone) await tx.execute(dsql`select lo_unlink(${objectId}::bigint::oid)`);
    return gone.length;
  });
  if (removed > 0) log.info({ removed }, "expired report files removed");
  return removed;
}
