/** The first row a query gave back (an INSERT … RETURNING, a count): its absence is a bug, not a user error. */
export function firstRow<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("expected a row, got none");
  return row;
}
