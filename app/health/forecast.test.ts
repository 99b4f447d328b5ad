import { describe, expect, it } from "vitest";
import { FORECAST_AHEAD, linearForecast } from "./forecast";

const last = (f: ReturnType<typeof linearForecast>) => f!.points[f!.points.length - 1];

describe("the forecast band", () => {
  it("keeps a flat series flat, with a band that holds its values", () => {
    const constant = linearForecast(Array(12).fill(40))!;
    expect(constant.slope).toBe(0);
    expect(constant.points).toHaveLength(FORECAST_AHEAD);
    for (const p of constant.points) expect(p).toMatchObject({ mid: 40, low: 40, high: 40 });

    const noisy = linearForecast([41, 39, 41, 39, 41, 39, 41, 39, 41, 39, 41, 39])!;
    expect(Math.abs(noisy.slope)).toBeLessThan(0.2);
    for (const p of noisy.points) {
      expect(p.mid).toBeCloseTo(40, 0);
      expect(p.low).toBeLessThanOrEqual(39);
      expect(p.high).toBeGreaterThanOrEqual(41);
    }
  });

  it("forecasts a declining series below its latest value, and never below zero", () => {
    const falling = linearForecast([50, 48, 47, 45, 44, 42, 40, 39, 37, 36, 34, 32])!;
    expect(falling.now).toBe(32);
    expect(falling.slope).toBeLessThan(-1);
    expect(last(falling).mid).toBeLessThan(32);
    expect(last(falling).high).toBeLessThan(32);
    const crashing = linearForecast([12, 10, 8, 6, 4, 2])!;
    expect(last(crashing)).toMatchObject({ mid: 0, low: 0 });
    expect(linearForecast([0.5, 0.7, 0.9, 1], { max: 1 })!.points.every((p) => p.high <= 1)).toBe(true);
  });

  it("widens the band with the noise and with the weeks ahead", () => {
    const width = (xs: number[]) => last(linearForecast(xs)).high - last(linearForecast(xs)).low;
    const calm = [40, 41, 40, 39, 40, 41, 40, 39, 40, 41, 40, 39];
    const wild = [40, 46, 34, 39, 45, 35, 40, 47, 33, 40, 44, 36];
    expect(width(wild)).toBeGreaterThan(2 * width(calm));
    const f = linearForecast(wild)!;
    expect(f.points[3].high - f.points[3].low).toBeGreaterThan(f.points[0].high - f.points[0].low);
  });

  it("reads only the last weeks, and needs three of them", () => {
    expect(linearForecast([1000, 1000, ...Array(12).fill(5)])!.points[0].mid).toBe(5);
    expect(linearForecast([3, 4])).toBeNull();
  });
});
