/**
 * A horizontal bar chart in plain SVG, mirrored in right-to-left languages. Each row can carry a
 * capacity: the bar then shows the value as a fill of a capacity track (occupancy of beds).
 * Announced as an image with a summary label; each bar has a <title> for pointer users, and pages
 * show the same figures in a table for screen readers and print.
 *
 * @example <BarChart title="Population" rows={[{ key: 'TR', label: 'Türkiye', value: 160 }]} format={f.number} />
 */
import { useTranslation } from 'react-i18next';

export interface BarRow {
  key: string;
  label: string;
  value: number;
  capacity?: number;
}

export function BarChart({
  title,
  rows,
  format,
  valueLabel,
  capacityLabel,
}: {
  title: string;
  rows: BarRow[];
  format(n: number): string;
  valueLabel?: string;
  capacityLabel?: string;
}) {
  const { i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const width = 720;
  const labelWidth = 250;
  const valueWidth = 130;
  const rowHeight = 34;
  const barHeight = 18;
  const top = 8;
  const height = top * 2 + rows.length * rowHeight;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.capacity ?? 0)));
  const plot = width - labelWidth - valueWidth;
  // x of a point `len` along the bar from its start (inline-start edge of the plot area).
  const along = (len: number) => (rtl ? width - labelWidth - len : labelWidth + len);

  return (
    <svg
      className="bar-chart"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
      style={{ direction: 'ltr' }}
    >
      <title>{title}</title>
      {rows.map((row, i) => {
        const y = top + i * rowHeight;
        const barY = y + (rowHeight - barHeight) / 2;
        const valueLen = (row.value / max) * plot;
        const capLen = row.capacity !== undefined ? (row.capacity / max) * plot : 0;
        const endLen = Math.max(valueLen, capLen);
        const text =
          row.capacity !== undefined ? `${format(row.value)} / ${format(row.capacity)}` : format(row.value);
        return (
          <g key={row.key} className="bar-row">
            <text
              className="bar-label"
              x={rtl ? width - 6 : 6}
              y={y + rowHeight / 2}
              dominantBaseline="middle"
              textAnchor="start"
              direction={rtl ? 'rtl' : 'ltr'}
            >
              {truncate(row.label, 30)}
            </text>
            {row.capacity !== undefined && (
              <rect
                className="bar-track"
                x={rtl ? along(capLen) : along(0)}
                y={barY}
                width={Math.max(capLen, 1)}
                height={barHeight}
                rx={3}
              >
                <title>{`${row.label}: ${capacityLabel ?? ''} ${format(row.capacity)}`}</title>
              </rect>
            )}
            <rect
              className="bar-fill"
              x={rtl ? along(valueLen) : along(0)}
              y={barY}
              width={Math.max(valueLen, 1)}
              height={barHeight}
              rx={3}
            >
              <title>{`${row.label}: ${valueLabel ?? ''} ${format(row.value)}`}</title>
            </rect>
            <text
              className="bar-value"
              x={rtl ? along(endLen) - 8 : along(endLen) + 8}
              y={y + rowHeight / 2}
              dominantBaseline="middle"
              textAnchor="start"
              direction={rtl ? 'rtl' : 'ltr'}
            >
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
