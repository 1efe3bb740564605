/**
 * Shades time windows (walk-forward train/test) behind the candles. A series
 * primitive drawing in the background layer, positioned by logical bar index
 * so windows stay aligned while panning and zooming, including windows that
 * start or end off screen.
 */
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  Logical,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';

type RenderTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

export interface SegmentBand {
  /** First and last bar index covered (inclusive). */
  from: number;
  to: number;
  fill: string;
  label: string;
  labelColor: string;
  /** Behind the label, so it stays legible over candles. */
  labelBackground: string;
  /** Label row (0 = top line, 1 = second line), so adjacent train/test labels do not collide. */
  row: number;
}

const LABEL_MIN_WIDTH = 48;

export class SegmentsPrimitive implements ISeriesPrimitive<Time> {
  private bands: readonly SegmentBand[] = [];
  private param: SeriesAttachedParameter<Time, SeriesType> | null = null;
  private readonly views: readonly IPrimitivePaneView[];

  constructor() {
    const renderer: IPrimitivePaneRenderer = {
      draw: () => undefined,
      drawBackground: (target) => this.drawBands(target),
    };
    this.views = [{ zOrder: () => 'bottom', renderer: () => renderer }];
  }

  attached(param: SeriesAttachedParameter<Time, SeriesType>): void {
    this.param = param;
  }

  detached(): void {
    this.param = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  setBands(bands: readonly SegmentBand[]): void {
    this.bands = bands;
    this.param?.requestUpdate();
  }

  /** Draws each band from half a bar before its first bar to half a bar after its last. */
  drawBands(target: RenderTarget): void {
    const param = this.param;
    if (!param || this.bands.length === 0) return;
    const timeScale = param.chart.timeScale();
    target.useMediaCoordinateSpace(({ context, mediaSize }) => {
      for (const band of this.bands) {
        // logicalToCoordinate only maps whole bar indices (it returns 0 for
        // fractions), so the half-bar margins come from the bar spacing.
        const a = timeScale.logicalToCoordinate(band.from as Logical);
        const next = timeScale.logicalToCoordinate((band.from + 1) as Logical);
        const b = timeScale.logicalToCoordinate(band.to as Logical);
        if (a === null || b === null || next === null) continue;
        const half = Math.abs(next - a) / 2;
        const x0 = Math.max(0, Math.min(a, b) - half);
        const x1 = Math.min(mediaSize.width, Math.max(a, b) + half);
        if (x1 <= x0) continue;
        context.fillStyle = band.fill;
        context.fillRect(x0, 0, x1 - x0, mediaSize.height);
        if (x1 - x0 >= LABEL_MIN_WIDTH) {
          const y = 6 + band.row * 18;
          const maxWidth = x1 - x0 - 12;
          context.font = '11px system-ui, sans-serif';
          context.textBaseline = 'top';
          const width = Math.min(maxWidth, context.measureText(band.label).width);
          context.fillStyle = band.labelBackground;
          context.fillRect(x0 + 3, y - 2, width + 6, 15);
          context.fillStyle = band.labelColor;
          context.fillText(band.label, x0 + 6, y, maxWidth);
        }
      }
    });
  }
}
