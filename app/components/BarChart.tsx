/**
 * A small server-rendered SVG bar chart with a table alternative for screen readers (no client chart
 * library). Negative values draw below the axis; a week without a value (null) draws no bar.
 */
export function BarChart({
  title,
  rows,
  labelHeader,
  valueHeader,
  caption,
}: {
  title: string;
  rows: { label: string; value: number | null }[];
  labelHeader: string;
  valueHeader: string;
  caption?: string;
}) {
  const width = 480;
  const height = 120;
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value ?? 0)));
  const hasNegative = rows.some((r) => (r.value ?? 0) < 0);
  const axis = hasNegative ? height / 2 : height - 16;
  const scale = (hasNegative ? height / 2 - 16 : height - 24) / max;
  const slot = width / Math.max(1, rows.length);
  const id = `chart-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} className="bar-chart">
        <title id={`${id}-title`}>{title}</title>
        <line x1="0" x2={width} y1={axis} y2={axis} className="chart-axis" />
        {rows.map((row, i) => {
          const value = row.value ?? 0;
          const h = Math.abs(value) * scale;
          return (
            <g key={row.label}>
              <rect
                x={i * slot + slot * 0.15}
                y={value >= 0 ? axis - h : axis}
                width={slot * 0.7}
                height={h}
                className={value >= 0 ? "chart-bar" : "chart-bar negative"}
              />
              <text x={i * slot + slot / 2} y={height - 2} textAnchor="middle" className="chart-label">
                {row.label.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      {/* The table for screen readers sits in a clipped box: a table ignores a 1 px width and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td>{row.value ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Last (or first) child: a figcaption between the chart and its table is invalid HTML. */}
      <figcaption>
        {title}
        {caption ? <span className="muted small"> {caption}</span> : null}
      </figcaption>
    </figure>
  );
}
