/**
 * A stand-in for lightweight-charts' canvas objects, for component tests in
 * jsdom (which has no canvas). It records what the components ask the chart
 * to do, so tests can check calls and data, not pixels.
 */
import { vi } from 'vitest';
import type { MouseEventParams, Time } from 'lightweight-charts';

export class FakeSeries {
  data: unknown[] | null = null;
  readonly primitives: { attached?: (p: unknown) => void; detached?: () => void }[] = [];
  readonly setData = vi.fn((data: unknown[]) => {
    this.data = data;
  });
  readonly applyOptions = vi.fn((o: Record<string, unknown>) => {
    Object.assign(this.options, o);
  });
  readonly attachPrimitive = vi.fn((p: { attached?: (param: unknown) => void }) => {
    this.primitives.push(p);
    p.attached?.({ chart: this.chart, series: this, requestUpdate: this.chart.requestUpdate, horzScaleBehavior: {} });
  });

  constructor(
    readonly chart: FakeChart,
    readonly type: string,
    readonly options: Record<string, unknown>,
    readonly paneIndex: number,
  ) {}
}

export class FakeMarkers {
  markers: unknown[] = [];
  readonly setMarkers = vi.fn((m: unknown[]) => {
    this.markers = m;
  });
  constructor(
    readonly series: FakeSeries,
    readonly options: unknown,
  ) {
    this.markers = [];
  }
}

export class FakeTimeScale {
  range: { from: number; to: number } | null = { from: 0, to: 99 };
  readonly fitContent = vi.fn();
  readonly getVisibleLogicalRange = vi.fn(() => this.range);
  readonly setVisibleLogicalRange = vi.fn((r: { from: number; to: number }) => {
    this.range = r;
  });

  readonly logicalToCoordinate = vi.fn((logical: number) => logical * 10);
  widthPx = 1000;
  readonly rangeHandlers = new Set<(r: { from: number; to: number } | null) => void>();
  readonly width = vi.fn(() => this.widthPx);
  readonly subscribeVisibleLogicalRangeChange = vi.fn((h: (r: { from: number; to: number } | null) => void) => {
    this.rangeHandlers.add(h);
  });
  readonly unsubscribeVisibleLogicalRangeChange = vi.fn((h: (r: { from: number; to: number } | null) => void) => {
    this.rangeHandlers.delete(h);
  });
  /** Simulates the user zooming: sets the range and notifies subscribers like the library does. */
  zoomTo(range: { from: number; to: number }) {
    this.range = range;
    for (const h of this.rangeHandlers) h(range);
  }
}

export class FakePane {
  stretch = 1;
  readonly setStretchFactor = vi.fn((f: number) => {
    this.stretch = f;
  });
}

export class FakeChart {
  readonly series: FakeSeries[] = [];
  readonly removed: FakeSeries[] = [];
  readonly crosshairHandlers = new Set<(p: MouseEventParams<Time>) => void>();
  readonly ts = new FakeTimeScale();
  readonly paneList: FakePane[] = [new FakePane()];
  readonly requestUpdate = vi.fn();
  readonly remove = vi.fn();
  readonly resize = vi.fn();
  readonly applyOptions = vi.fn();
  readonly addSeries = vi.fn((def: { type: string }, options: Record<string, unknown> = {}, paneIndex = 0) => {
    const s = new FakeSeries(this, def.type, { ...options }, paneIndex);
    while (this.paneList.length <= paneIndex) this.paneList.push(new FakePane());
    this.series.push(s);
    return s;
  });
  readonly removeSeries = vi.fn((s: FakeSeries) => {
    this.removed.push(s);
    const i = this.series.indexOf(s);
    if (i >= 0) this.series.splice(i, 1);
  });
  readonly subscribeCrosshairMove = vi.fn((h: (p: MouseEventParams<Time>) => void) => {
    this.crosshairHandlers.add(h);
  });
  readonly unsubscribeCrosshairMove = vi.fn((h: (p: MouseEventParams<Time>) => void) => {
    this.crosshairHandlers.delete(h);
  });

  constructor(
    readonly container: HTMLElement,
    readonly options: Record<string, unknown>,
  ) {}

  timeScale() {
    return this.ts;
  }

  panes() {
    return this.paneList;
  }

  seriesOfType(type: string): FakeSeries[] {
    return this.series.filter((s) => s.type === type);
  }
}

/** What the mocked module records; reset between tests with `fake.reset()`. */
export const fake = {
  charts: [] as FakeChart[],
  markers: [] as FakeMarkers[],
  reset() {
    fake.charts.length = 0;
    fake.markers.length = 0;
  },
  last(): FakeChart {
    const c = fake.charts[fake.charts.length - 1];
    if (!c) throw new Error('no chart was created');
    return c;
  },
};

/** Replacements for lightweight-charts' factory functions. */
export const fakeChartModule = {
  createChart: vi.fn((container: HTMLElement, options: Record<string, unknown>) => {
    const c = new FakeChart(container, options);
    fake.charts.push(c);
    return c;
  }),
  createSeriesMarkers: vi.fn((series: FakeSeries, markers: unknown[] = [], options?: unknown) => {
    const m = new FakeMarkers(series, options);
    m.markers = markers;
    fake.markers.push(m);
    return m;
  }),
};

/** A ResizeObserver stand-in whose callbacks the test fires by hand. */
export class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.instances.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true;
  }
  fire(width: number, height: number) {
    for (const el of this.observed) {
      Object.defineProperty(el, 'clientWidth', { configurable: true, value: width });
      Object.defineProperty(el, 'clientHeight', { configurable: true, value: height });
    }
    this.callback([{ contentRect: { width, height } } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
}
