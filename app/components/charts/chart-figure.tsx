import { StackedBarChart, type ChartSeries } from "./stacked-bar-chart";

export type TableColumn<T> = { header: string; value: (row: T) => number };

/**
 * A chart with its text alternative: a caption and a one-line summary anyone can read, the SVG for sighted readers,
 * and the same numbers as a table for screen readers (visually hidden; the chart is its visual form).
 */
export function ChartFigure<T extends { day: string }>({
  id,
  title,
  summary,
  rows,
  series,
  columns,
}: {
  id: string;
  title: string;
  summary: string;
  rows: T[];
  series: Array<ChartSeries & { value: (row: T) => number }>;
  columns: TableColumn<T>[];
}) {
  const data = rows.map((row) => ({
    day: row.day,
    ...Object.fromEntries(series.map((s) => [s.key, s.value(row)])),
  }));
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-md border border-slate-200 bg-white p-4">
      <figcaption>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-600" data-testid={`${id}-summary`}>
          {summary}
        </p>
      </figcaption>
      <ul className="my-2 flex flex-wrap gap-4 text-sm text-slate-700" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <StackedBarChart data={data} series={series.map(({ key, label, color }) => ({ key, label, color }))} />
      {/* Hidden by its wrapper: a table will not shrink to the 1 px that visually hidden elements take. */}
      <div className="sr-only">
        <table data-testid={`${id}-table`}>
          <caption>{title}, per UTC day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.day}>
                <th scope="row">{row.day}</th>
                {columns.map((column) => (
                  <td key={column.header}>{column.value(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
