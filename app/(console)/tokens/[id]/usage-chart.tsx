"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageDay } from "@/lib/tokens/usage-queries";

const CHART_WIDTH = 760;
const CHART_HEIGHT = 240;

/**
 * **Usage**: requests per day over 30 days, accepted vs refused, as a stacked bar chart; the same figures as a table
 * for screen readers and anyone who wants the numbers.
 */
export function UsageChart({ days }: { days: UsageDay[] }) {
  const total = days.reduce((sum, d) => sum + d.accepted + d.refused, 0);
  return (
    <figure aria-labelledby="usage-title">
      <h2 id="usage-title" className="mb-2 text-lg font-semibold">
        Usage
      </h2>
      <figcaption className="mb-2 text-sm text-slate-600">
        Requests per day over the last 30 days (UTC): {total} in all.
      </figcaption>
      <div aria-hidden="true" className="overflow-x-auto">
        <BarChart width={CHART_WIDTH} height={CHART_HEIGHT} data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="accepted" name="Accepted" stackId="requests" fill="#15803d" isAnimationActive={false} />
          <Bar dataKey="refused" name="Refused" stackId="requests" fill="#b91c1c" isAnimationActive={false} />
        </BarChart>
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm">Usage as a table</summary>
        <table className="table mt-2 bg-white" aria-label="Requests per day">
          <thead>
            <tr>
              <th>Day</th>
              <th>Accepted</th>
              <th>Refused</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.accepted}</td>
                <td>{d.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
