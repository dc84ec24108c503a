/**
 * A console table: one header per entry of `headers` (plus an unlabelled **Actions** column when `actions` is set),
 * one row per item drawn by `row` (a `<tr>` with its key), and `empty` in one wide cell when there are no items.
 */
export function DataTable<T>({
  headers,
  actions = false,
  items,
  row,
  empty,
  className = "",
}: {
  headers: string[];
  actions?: boolean;
  items: T[];
  row: (item: T) => React.ReactNode;
  empty?: string;
  className?: string;
}) {
  // Scrolls sideways on its own on a narrow screen, rather than widening the page (relative: so that visually hidden
  // cells are clipped with it too).
  return (
    <div className="relative overflow-x-auto">
      <table className={`table bg-white ${className}`.trim()}>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header}>{header}</th>
            ))}
            {actions && (
              <th>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && empty && (
            <tr>
              <td colSpan={headers.length + (actions ? 1 : 0)} className="text-slate-500">
                {empty}
              </td>
            </tr>
          )}
          {items.map(row)}
        </tbody>
      </table>
    </div>
  );
}
