import { describe, expect, it } from "vitest";
import { detectLanguage, postLanguage } from "./language.server";

describe("detectLanguage", () => {
  it("recognises real Dutch and English sentences", () => {
    expect(detectLanguage("Hoe stel ik de tijdzone in voor de bronverbinding?")).toBe("nl");
    expect(
      detectLanguage(
        "Zet de tijdzone expliciet op Europe/Amsterdam in de bronverbinding; anders schuift alles een uur rond de zomertijd.",
      ),
    ).toBe("nl");
    expect(detectLanguage("Incrementele load vanuit SAP: wie heeft dit werkend met change data capture?")).toBe("nl");
    expect(detectLanguage("Dank je, dit scheelt me een middag.")).toBe("nl");
    expect(detectLanguage("How do I set the time zone of the source connection?")).toBe("en");
    expect(
      detectLanguage(
        "We solved this with a staging table and a nightly merge. It keeps the dashboards fast and the history intact.",
      ),
    ).toBe("en");
    expect(detectLanguage("Thanks, you just saved me an afternoon.")).toBe("en");
  });

  it("does not judge short or ambiguous text", () => {
    expect(detectLanguage("Goed punt!")).toBeNull(); // franc calls this English
    expect(detectLanguage("OK")).toBeNull();
    expect(detectLanguage("")).toBeNull();
    expect(detectLanguage("Data pipelines")).toBeNull();
    expect(detectLanguage("Streaming pipelines with Kafka")).toBeNull(); // product names: too close to call
  });

  it("reads the prose, not the code", () => {
    const code =
      "```sql\nselect customer_id, row_number() over (partition by region order by revenue desc) from sales where the_date > now()\n```";
    expect(detectLanguage(`${code}\n\nDit werkt bij ons prima, maar het kan sneller met een index.`)).toBe("nl");
    expect(detectLanguage(`${code}\n\n\`ok\``)).toBeNull();
  });
});

describe("postLanguage", () => {
  it("detects from title and body together, else falls back to the author's language, else unknown", () => {
    expect(
      postLanguage(
        ["Waarom faalt de nachtelijke refresh?", "Sinds vorige week faalt de refresh van onze dataset elke nacht."],
        "en",
      ),
    ).toBe("nl");
    expect(postLanguage(["Goed punt!"], "nl")).toBe("nl");
    expect(postLanguage(["Goed punt!"], "en")).toBe("en");
    expect(postLanguage(["Goed punt!"], null)).toBeNull();
  });
});
