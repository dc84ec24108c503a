import Link from "next/link";

type SearchParams = Record<string, string | string[] | undefined>;

/** The page's own search parameters without its position, plus the given one. */
function hrefFor(path: string, params: SearchParams, position: { after: string } | { before: string }): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name === "after" || name === "before" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
  }
  for (const [name, value] of Object.entries(position)) query.set(name, value);
  return `${path}?${query.toString()}`;
}

/**
 * **Previous** / **Next** links of a keyset-paged list (lib/db/keyset-page.ts), keeping the page's filters; a link
 * with nowhere to go is shown disabled.
 */
export function Pager({
  path,
  params,
  next,
  previous,
  label,
}: {
  path: string;
  params: SearchParams;
  next: string | null;
  previous: string | null;
  label: string;
}) {
  const disabled = "btn pointer-events-none opacity-50";
  return (
    <nav aria-label={label} className="mt-4 flex gap-2">
      {previous ? (
        <Link className="btn" href={hrefFor(path, params, { before: previous })}>
          Previous
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          Previous
        </span>
      )}
      {next ? (
        <Link className="btn" href={hrefFor(path, params, { after: next })}>
          Next
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          Next
        </span>
      )}
    </nav>
  );
}
