// Charts as plain SVG drawn on the server, so that they show without client JavaScript and print.
// The chart is one image to assistive technology (role="img", named by its <title> and described
// by its <desc>, the text summary); the figures themselves are in the data table every chart sits
// beside. Series are told apart by marker shape and a label written next to them, never by colour
// alone (WCAG 1.4.1), and the colours are GOV.UK's so that they hold enough contrast on white.
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from 'd3-shape';

export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
}

export interface ChartSpec {
  kind: 'line' | 'bar';
  title: string;
  summary: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  unit: string;
  threshold?: { value: number; label: string };
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 24, right: 150, bottom: 48, left: 56 };
// GOV.UK Frontend colours: blue, black, green, purple, orange, dark pink, brown.
const COLOURS = ['#1d70b8', '#0b0c0c', '#00703c', '#4c2c92', '#f47738', '#912b88', '#b58840'];
const SHAPES = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];
const THRESHOLD_COLOUR = '#d4351c';
const TEXT = 'font-family="GDS Transport, arial, sans-serif" fill="#0b0c0c"';

/** Text made safe inside SVG elements and attribute values. */
export function escapeSvg(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Ids unique on a page that shows several charts; only the title/desc references rely on them. */
let chartCount = 0;

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** Accessible SVG markup: role="img" labelled by its <title> and <desc> (the summary); series told apart by marker shape and direct labels, never by colour alone; GOV.UK colours; renders without client JavaScript. */
export function chartSvg(spec: ChartSpec): string {
  const id = `chart-${++chartCount}`;
  const plotRight = WIDTH - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(0, ...values, spec.threshold?.value ?? 0) * 1.1 || 1;
  const y = scaleLinear().domain([Math.min(0, ...values), top]).nice().range([plotBottom, MARGIN.top]);
  const parts: string[] = [];

  // Horizontal grid lines and the value axis.
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick));
    parts.push(`<line x1="${MARGIN.left}" x2="${plotRight}" y1="${ty}" y2="${ty}" stroke="#b1b4b6" stroke-width="1"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${ty}" dy="0.32em" text-anchor="end" font-size="12" ${TEXT}>${escapeSvg(formatValue(tick))}</text>`);
  }
  parts.push(`<text x="14" y="${round((MARGIN.top + plotBottom) / 2)}" transform="rotate(-90 14 ${round((MARGIN.top + plotBottom) / 2)})" text-anchor="middle" font-size="12" ${TEXT}>${escapeSvg(spec.unit)}</text>`);

  // Where each category sits along the bottom, and its label.
  const categories = [...spec.categories];
  let centre: (category: string) => number;
  let band = 0;
  if (spec.kind === 'bar') {
    const x = scaleBand<string>().domain(categories).range([MARGIN.left, plotRight]).paddingInner(0.2).paddingOuter(0.1);
    band = x.bandwidth();
    centre = (c) => (x(c) ?? 0) + band / 2;
  } else {
    const x = scalePoint<string>().domain(categories).range([MARGIN.left, plotRight]).padding(0.5);
    centre = (c) => x(c) ?? 0;
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${plotRight}" y1="${round(y(0))}" y2="${round(y(0))}" stroke="#0b0c0c" stroke-width="1"/>`);
  for (const category of categories) {
    parts.push(`<text x="${round(centre(category))}" y="${plotBottom + 18}" text-anchor="middle" font-size="12" ${TEXT}>${escapeSvg(category)}</text>`);
  }

  // The marks: for bars each series takes a slice of the category's band; for lines, a path that
  // breaks where a value is missing (null) rather than drawing through it.
  const slice = spec.series.length > 0 ? band / spec.series.length : 0;
  spec.series.forEach((series, s) => {
    const colour = COLOURS[s % COLOURS.length]!;
    const marker = symbol().type(SHAPES[s % SHAPES.length]!).size(s % SHAPES.length === 4 ? 90 : 70)() ?? '';
    const points = categories.map((c, i) => ({ c, v: series.values[i] ?? null }));
    const marks: string[] = [];
    if (spec.kind === 'line') {
      const path = line<{ c: string; v: number | null }>()
        .defined((p) => p.v !== null)
        .x((p) => centre(p.c))
        .y((p) => y(p.v ?? 0))(points);
      if (path) marks.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="3"/>`);
    }
    for (const p of points) {
      if (p.v === null) continue;
      const label = `${series.name}, ${p.c}: ${formatValue(p.v)} ${spec.unit}`;
      if (spec.kind === 'bar') {
        const x0 = centre(p.c) - band / 2 + s * slice;
        const yTop = Math.min(y(p.v), y(0));
        const h = Math.abs(y(p.v) - y(0));
        marks.push(`<rect class="chart-mark" x="${round(x0 + 1)}" y="${round(yTop)}" width="${round(Math.max(1, slice - 2))}" height="${round(h)}" fill="${colour}"><title>${escapeSvg(label)}</title></rect>`);
        // The series' shape sits on top of each bar too, so bars are told apart without colour.
        marks.push(`<path d="${marker}" transform="translate(${round(x0 + slice / 2)} ${round(yTop - 8)})" fill="${colour}" stroke="#ffffff" stroke-width="1"/>`);
      } else {
        marks.push(`<path class="chart-mark" d="${marker}" transform="translate(${round(centre(p.c))} ${round(y(p.v))})" fill="${colour}" stroke="#ffffff" stroke-width="1"><title>${escapeSvg(label)}</title></path>`);
      }
    }
    // Direct label: next to the series' last value on a line chart, in a key beside a bar chart.
    const last = [...points].reverse().find((p) => p.v !== null);
    const labelY = spec.kind === 'line' && last ? y(last.v!) : MARGIN.top + 8 + s * 22;
    const labelX = plotRight + 12;
    marks.push(`<path d="${marker}" transform="translate(${labelX + 6} ${round(labelY)})" fill="${colour}"/>`);
    marks.push(`<text x="${labelX + 16}" y="${round(labelY)}" dy="0.32em" font-size="13" ${TEXT}>${escapeSvg(series.name)}</text>`);
    parts.push(`<g class="chart-series" data-series="${escapeSvg(series.name)}">${marks.join('')}</g>`);
  });

  if (spec.threshold) {
    const ty = round(y(spec.threshold.value));
    parts.push(
      `<g class="chart-threshold"><line x1="${MARGIN.left}" x2="${plotRight}" y1="${ty}" y2="${ty}" stroke="${THRESHOLD_COLOUR}" stroke-width="2" stroke-dasharray="8 4"/>` +
        `<text x="${plotRight - 4}" y="${ty}" dy="-0.4em" text-anchor="end" font-size="12" ${TEXT}>${escapeSvg(`${spec.threshold.label}: ${formatValue(spec.threshold.value)} ${spec.unit}`)}</text></g>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escapeSvg(spec.title)}</title><desc id="${id}-desc">${escapeSvg(spec.summary)}</desc>` +
    parts.join('') +
    `</svg>`
  );
}
