import Database from "better-sqlite3";
const agg = new Map<string, number>();
const S = (Database as any).prototype.prepare;
(Database as any).prototype.prepare = function (src: string, ...rest: any[]) {
  const stmt = S.call(this, src, ...rest);
  for (const m of ["all", "get", "run"]) {
    const orig = stmt[m].bind(stmt);
    stmt[m] = (...a: any[]) => { const t = performance.now(); const r = orig(...a); const d = performance.now() - t; const k = src.replace(/\s+/g, " ").slice(0, 150); agg.set(k, (agg.get(k) ?? 0) + d); return r; };
  }
  return stmt;
};
const { healthReport } = await import("~/models/health.server");
const t0 = performance.now();
healthReport(new Date(Number(process.env.NOW)));
console.log("total", Math.round(performance.now() - t0));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(Math.round(v), k);
