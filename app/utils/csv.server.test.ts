import { describe, expect, it } from "vitest";
import { csvResponse, toCsv } from "./csv.server";

describe("CSV", () => {
  it("quotes every cell, doubles quotes, ends lines with CRLF and leaves empty cells empty", () => {
    expect(toCsv([["a", 'say "hi"', 3, null, undefined]])).toBe('"a","say ""hi""","3","",""\r\n');
  });

  it("neutralises formulas, also after a tab or carriage return", () => {
    expect(toCsv([["=1+1", "+x", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd", "a=b"]])).toBe(
      `"'=1+1","'+x","'-2","'@SUM(A1)","'\t=cmd","'\r=cmd","a=b"\r\n`,
    );
  });

  it("answers as an attachment that no cache stores", async () => {
    const response = csvResponse([["x"]], "export.csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="export.csv"');
    expect(await response.text()).toBe('"x"\r\n');
  });
});
