"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStack } from "@visx/shape";

export type ChartSeries = { key: string; label: string; color: string };

// Drawn in a fixed coordinate space and scaled to the container's width by the viewBox: no measuring, no layout
// shift, and it still reads on a 375 px screen.
const WIDTH = 520;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 40 };
const AXIS_COLOR = "#475569";

/**
 * Bars per day, one segment per series, stacked. Drawn as SVG by visx; it is decoration for sighted readers
 * (aria-hidden): the figure that holds it carries the same numbers as a table.
 */
export function StackedBarChart({
  data,
  series,
}: {
  data: Array<Record<string, number | string>>;
  series: ChartSeries[];
}) {
  const keys = series.map((s) => s.key);
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const total = (row: Record<string, number | string>) => keys.reduce((sum, key) => sum + Number(row[key] ?? 0), 0);
  const max = Math.max(1, ...data.map(total));
  const x = scaleBand<string>({ domain: data.map((row) => String(row.day)), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const color = (key: string) => series.find((s) => s.key === key)?.color ?? AXIS_COLOR;

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false" className="h-auto">
      <Group left={MARGIN.left} top={MARGIN.top}>
        <BarStack
          data={data}
          keys={keys}
          x={(row) => String(row.day)}
          xScale={x}
          yScale={y}
          color={color}
          value={(row, key) => Number(row[key] ?? 0)}
        />
        <AxisLeft
          scale={y}
          numTicks={4}
          tickFormat={(value) => String(value)}
          stroke={AXIS_COLOR}
          tickStroke={AXIS_COLOR}
          tickLabelProps={{ fill: AXIS_COLOR, fontSize: 11, textAnchor: "end" }}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          // Every fifth day, as MM-DD: thirty labels would overlap.
          tickValues={data.map((row) => String(row.day)).filter((_, i, all) => (all.length - 1 - i) % 5 === 0)}
          tickFormat={(day) => day.slice(5)}
          stroke={AXIS_COLOR}
          tickStroke={AXIS_COLOR}
          tickLabelProps={{ fill: AXIS_COLOR, fontSize: 11, textAnchor: "middle" }}
        />
      </Group>
    </svg>
  );
}
