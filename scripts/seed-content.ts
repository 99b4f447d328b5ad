/**
 * Content bank for the demo seed: knowledge articles, questions with answers and short comments,
 * in Dutch (with a Flemish touch here and there) and English, around the Nordlicht data platform.
 * Everything is built deterministically from hand-written building blocks (subjects × templates × contexts),
 * so every call returns exactly the same content. No dependencies, no randomness, no clock.
 */

export type SeedLang = "nl" | "en";
export type TagSeed = { name: string; description: string };
export type ArticleSeed = { title: string; summary: string; body: string; tags: string[]; lang: SeedLang };
export type QuestionSeed = { title: string; body: string; tags: string[]; lang: SeedLang; answers: string[] };

export const TAGS: TagSeed[] = [
  { name: "pipelines", description: "Building, scheduling and troubleshooting data pipelines in Nordlicht." },
  { name: "sql", description: "Writing and tuning SQL against the Nordlicht warehouse." },
  { name: "dashboards", description: "Designing, sharing and speeding up Nordlicht dashboards." },
  { name: "security", description: "Access control, encryption and hardening of a Nordlicht environment." },
  { name: "migration", description: "Moving data, reports and workloads from other platforms to Nordlicht." },
  { name: "api", description: "The Nordlicht REST API, tokens and the integrations built on them." },
  { name: "data-quality", description: "Checks, tests and monitoring that keep data correct and fresh." },
  { name: "governance", description: "Ownership, definitions, catalogues and policies for shared data." },
  { name: "kubernetes", description: "Running self-hosted Nordlicht components on Kubernetes." },
  { name: "python", description: "The Python SDK, notebooks and scripts that work with Nordlicht." },
  { name: "power-bi", description: "Connecting Power BI to the Nordlicht warehouse." },
  { name: "performance", description: "Making queries, loads and dashboards faster and cheaper." },
  { name: "open-data", description: "Publishing datasets openly, as many public-sector customers do." },
  { name: "gdpr", description: "Privacy, pseudonymisation and retention under the GDPR (AVG)." },
  { name: "machine-learning", description: "Training and running forecasting models on warehouse data." },
  { name: "connectors", description: "Source and destination connectors, from ERP systems to BI tools." },
  { name: "monitoring", description: "Alerting, logging and observability for pipelines and the platform." },
  { name: "dbt", description: "Using dbt projects for transformations on top of Nordlicht." },
  { name: "airflow", description: "Orchestrating Nordlicht pipelines from Apache Airflow." },
  { name: "backup", description: "Backups, restores and disaster recovery for warehouse data." },
  { name: "warehouse", description: "Storage, tables and architecture of the Nordlicht warehouse." },
  { name: "data-modelling", description: "Dimensional models, history tables and shared metric definitions." },
  { name: "sso", description: "Single sign-on with Entra ID, Okta and other identity providers." },
];

type Problem = [q: string, detail: string, fix: string, alt: string];
type Side = { topic: string; why: string; tips: string[]; pitfalls: string[]; problems: Problem[] };
type Code = { lang: "sql" | "python" | "yaml"; text: string };
/** cx: the question contexts (indices into CONTEXTS) that make sense for this subject; err: error output per problem. */
type Subject = {
  tags: string[];
  inline: string;
  doc: string;
  cx: string;
  err: (string | null)[];
  code?: Code;
  nl: Side;
  en: Side;
};

const SUBJECTS: Subject[] = [
  {
    tags: ["pipelines", "performance"],
    inline: "lookback: 10m",
    doc: "pipelines/incremental-loads",
    cx: "0123467",
    err: [null, "WARN  load.erp_orders  duplicate_keys=1284 key=(order_id)"],
    code: {
      lang: "yaml",
      text: `
pipeline: erp_orders
source: erp.orders
load:
  mode: incremental
  watermark: updated_at
  lookback: 10m
write_mode: merge
merge_keys: [order_id]`,
    },
    nl: {
      topic: "incrementele loads",
      why: "Wie elke nacht complete tabellen herlaadt, betaalt dat in rekentijd en in data die te laat binnenkomt. Met incrementele loads haal je alleen op wat sinds de vorige run is veranderd, op basis van een watermark-kolom of change data capture.",
      tips: [
        "Kies een watermark-kolom die echt betrouwbaar is, zoals een geïndexeerde `updated_at` in de bron.",
        "Laat elke run een paar minuten overlappen met de vorige, zodat late transacties niet wegvallen.",
        "Bewaar de laatste watermark in de pipeline-state, niet in een losse tabel die iemand kan leegmaken.",
        "Vergelijk wekelijks de aantallen tussen bron en doel om stille gaten op te sporen.",
        "Schrijf met merge in plaats van insert, zodat een herstart geen dubbele rijen oplevert.",
      ],
      pitfalls: [
        "Vertrouwen op een `updated_at` die bij bulkupdates niet wordt bijgewerkt.",
        "De watermark opschuiven voordat de load echt geslaagd is.",
        "Tijdzones vergeten: de bron schrijft lokale tijd, de pipeline rekent in UTC.",
      ],
      problems: [
        [
          "Waarom slaat onze incrementele load af en toe rijen over",
          "We laden orders uit ons ERP met `load.mode: incremental` op `updated_at`. Bij de wekelijkse telling missen we steeds een paar honderd rijen, terwijl elke run groen is.",
          "Meestal is dit een combinatie van klokverschil en transacties die lang openstaan: een rij die om 02:00:59 wordt aangemaakt maar pas later gecommit, valt buiten je venster. Zet `lookback` op tien minuten en schrijf met `merge`, dan kan die overlap geen kwaad.",
          "Controleer ook of het ERP `updated_at` bijwerkt bij bulkmutaties. Bij ons gebeurde dat niet bij prijsupdates via een batchjob; voor die tabel zijn we overgestapt op change data capture.",
        ],
        [
          "Hoe voorkom ik dubbele rijen na een herstart van een incrementele load",
          "Als een run halverwege faalt en we hem opnieuw starten, staan sommige orders er twee keer in. De doeltabel heeft geen primaire sleutel.",
          "Geef de doeltabel een unieke sleutel en gebruik `write_mode: merge` met `merge_keys: [order_id]`. Een herstart overschrijft dan bestaande rijen in plaats van ze opnieuw toe te voegen. De dubbelingen die er al staan, ruim je eenmalig op met een `ROW_NUMBER()`-query.",
          "Een alternatief is eerst naar een staging-tabel laden en pas na een geslaagde run in één transactie omwisselen. Iets trager, maar een halve run komt dan nooit in de doeltabel terecht.",
        ],
      ],
    },
    en: {
      topic: "incremental loads",
      why: "Reloading full tables every night costs compute and leaves people waiting for fresh data. Incremental loads fetch only what changed since the previous run, using a watermark column or change data capture.",
      tips: [
        "Pick a watermark column you can really trust, such as an indexed `updated_at` in the source.",
        "Let each run overlap the previous one by a few minutes so late transactions are not lost.",
        "Keep the last watermark in pipeline state, not in a side table someone might truncate.",
        "Compare row counts between source and target weekly to catch silent gaps.",
        "Write with merge instead of insert so that a restart never creates duplicates.",
      ],
      pitfalls: [
        "Trusting an `updated_at` column that bulk updates do not touch.",
        "Moving the watermark forward before the load has actually succeeded.",
        "Forgetting time zones: the source writes local time, the pipeline thinks in UTC.",
      ],
      problems: [
        [
          "Why does our incremental load occasionally skip rows",
          "We load orders from our ERP with `load.mode: incremental` on `updated_at`. The weekly reconciliation is always a few hundred rows short, yet every run is green.",
          "This is nearly always clock skew combined with long-running transactions: a row created at 02:00:59 but committed later falls outside your window. Set `lookback` to ten minutes and write with `merge`, so the overlap does no harm.",
          "Also check whether the ERP updates `updated_at` on bulk changes. Ours did not for price updates run by a batch job, so we moved that table to change data capture.",
        ],
        [
          "How do I prevent duplicate rows after restarting an incremental load",
          "When a run fails halfway and we restart it, some orders end up in the table twice. The target table has no primary key.",
          "Give the target table a unique key and use `write_mode: merge` with `merge_keys: [order_id]`. A restart then overwrites existing rows instead of appending them again. Clean up the duplicates already there once with a `ROW_NUMBER()` query.",
          "Alternatively, load into a staging table and swap it in within one transaction after a successful run. It is a bit slower, but a half-finished run never reaches the target table.",
        ],
      ],
    },
  },
  {
    tags: ["pipelines", "monitoring"],
    inline: "retry.max_attempts",
    doc: "pipelines/scheduling",
    cx: "01367",
    err: [null, "ERROR source.erp authentication failed (attempt 17 of 20)\nretrying in 120s"],
    code: {
      lang: "yaml",
      text: `
schedule:
  cron: "15 2 * * *"
  timezone: Europe/Amsterdam
retry:
  max_attempts: 4
  backoff: exponential
  on: [timeout, connection_reset]
alerts:
  on_failure: [teams:data-alerts]`,
    },
    nl: {
      topic: "planning en retries van pipelines",
      why: "Een pipeline die om drie uur 's nachts faalt, wil je niet pas om negen uur ontdekken. Een doordachte planning met afhankelijkheden, retries en alerts zorgt dat tijdelijke storingen zichzelf oplossen en echte problemen direct opvallen.",
      tips: [
        "Plan op afhankelijkheden in plaats van op vaste tijden, zodat een late bron de rest niet breekt.",
        "Gebruik exponentiële backoff met een handvol pogingen; tien retries na elkaar helpt niemand.",
        "Stuur alerts naar een kanaal dat ook echt gelezen wordt, met de run-ID erbij.",
        "Zet de tijdzone expliciet op `Europe/Amsterdam` of `Europe/Brussels`, vanwege de zomertijd.",
        "Maak onderscheid tussen tijdelijke fouten (time-outs) en blijvende fouten (rechten, schema).",
      ],
      pitfalls: [
        "Retries op fouten die nooit vanzelf overgaan, zoals een verlopen wachtwoord.",
        "Cron-tijden in UTC die twee keer per jaar een uur verschuiven.",
        "Alerts naar de persoonlijke mailbox van iemand die met vakantie is.",
      ],
      problems: [
        [
          "Waarom start onze pipeline twee keer per jaar een uur te vroeg",
          "Onze nachtelijke load staat op `cron: 0 2 * * *`. Sinds de overgang naar zomertijd start hij om 01:00 lokale tijd, vóór het bronsysteem klaar is met zijn eigen batch.",
          "De planner rekent standaard in UTC. Voeg `timezone: Europe/Amsterdam` toe aan het `schedule`-blok, dan volgt de run de lokale klok, ook bij de wisseling naar zomer- en wintertijd. Beter nog: laat de pipeline wachten op een signaal van de bron.",
          "Wij hebben de vaste starttijd helemaal losgelaten en een sensor op de exporttabel van het bronsysteem gezet. De pipeline start pas zodra de export van die nacht compleet is.",
        ],
        [
          "Hoe stop ik eindeloze retries bij een fout die niet vanzelf overgaat",
          "Een pipeline met een verlopen wachtwoord voor de bron probeert het de hele nacht opnieuw en houdt daarmee een worker bezet. In de log zien we steeds hetzelfde.",
          "Beperk `retry.max_attempts` tot drie of vier en zet `retry.on` op tijdelijke fouten zoals `timeout` en `connection_reset`. Authenticatiefouten horen direct te falen met een alert, want daar helpt wachten niet.",
          "Zet daarnaast een alert op het aantal pogingen per run. Bij ons gaat er een melding naar het Teams-kanaal zodra een run meer dan twee retries nodig heeft; zo zie je structurele problemen eerder.",
        ],
      ],
    },
    en: {
      topic: "pipeline schedules and retries",
      why: "A pipeline that fails at three in the morning should not be discovered at nine. A sensible schedule with dependencies, retries and alerts lets transient failures heal themselves and makes real problems visible straight away.",
      tips: [
        "Schedule on dependencies rather than fixed times, so one late source does not break the rest.",
        "Use exponential backoff with a handful of attempts; ten retries in a row help nobody.",
        "Send alerts to a channel people actually read, and include the run ID.",
        "Set the time zone explicitly, for example `Europe/London`, because of daylight saving time.",
        "Separate transient errors (timeouts) from permanent ones (permissions, schema changes).",
      ],
      pitfalls: [
        "Retrying errors that will never go away on their own, like an expired password.",
        "Cron times in UTC that shift by an hour twice a year.",
        "Alerts going to the personal inbox of someone who is on holiday.",
      ],
      problems: [
        [
          "Why does our pipeline start an hour early twice a year",
          "Our nightly load uses `cron: 0 2 * * *`. Since the clocks changed it starts at 01:00 local time, before the source system has finished its own batch.",
          "The scheduler works in UTC by default. Add `timezone: Europe/Amsterdam` to the `schedule` block and the run will follow the local clock through daylight saving changes. Even better: let the pipeline wait for a signal from the source.",
          "We dropped the fixed start time altogether and put a sensor on the export table of the source system. The pipeline only starts once that night's export is complete.",
        ],
        [
          "How do I stop endless retries on an error that will not go away",
          "A pipeline with an expired source password keeps retrying all night and blocks a worker the whole time. The log shows the same thing over and over.",
          "Limit `retry.max_attempts` to three or four and set `retry.on` to transient errors such as `timeout` and `connection_reset`. Authentication errors should fail immediately with an alert, because waiting will not fix them.",
          "Also alert on the number of attempts per run. We post to a Teams channel whenever a run needs more than two retries, which surfaces structural problems much earlier.",
        ],
      ],
    },
  },
  {
    tags: ["pipelines", "data-quality", "connectors"],
    inline: "schema_policy: evolve",
    doc: "connectors/schema-changes",
    cx: "01467",
    err: ['SchemaError: column "qty" not found in source table wms.stock_moves\npolicy=fail', null],
    nl: {
      topic: "schemawijzigingen in bronsystemen",
      why: "Bronsystemen veranderen zonder dat iemand het datateam inlicht: een kolom erbij, een type dat wijzigt, een veld dat verdwijnt. Met een duidelijk schemabeleid weet je vooraf wat de pipeline dan doet, in plaats van het 's ochtends in een kapot dashboard te ontdekken.",
      tips: [
        "Kies per bron bewust tussen `evolve`, `freeze` en `fail` als schemabeleid.",
        "Laat nieuwe kolommen automatisch landen in de ruwe laag, maar niet in de rapportagelaag.",
        "Stuur bij elke schemawijziging een melding naar de eigenaar van de bron.",
        "Leg afspraken met leveranciers van bronsystemen vast in een eenvoudig datacontract.",
        "Test connectorupdates eerst in acceptatie, met een kopie van het echte schema.",
      ],
      pitfalls: [
        "Typewijzigingen (tekst naar getal) automatisch laten doorlopen tot in de marts.",
        "Hernoemde kolommen behandelen als een nieuwe plus een verdwenen kolom.",
        "Geen historie van schemaversies bijhouden, waardoor niemand weet wanneer het veranderde.",
      ],
      problems: [
        [
          "Waarom faalt onze connector nadat de leverancier een kolom heeft hernoemd",
          "De leverancier van ons WMS heeft `qty` hernoemd naar `quantity`. Sindsdien faalt de connector elke nacht en blijven de voorraaddashboards leeg.",
          "Met `schema_policy: fail` stopt de connector bewust bij elke wijziging. Voeg een kolommapping toe (`qty` → `quantity`) in de connectorconfiguratie en draai een backfill voor de gemiste dagen. Daarna kun je overwegen om voor deze bron `evolve` te gebruiken.",
          "Spreek met de leverancier af dat schemawijzigingen vooraf worden aangekondigd. Wij hebben dat in het contract laten opnemen, inclusief een testexport twee weken voor elke release.",
        ],
        [
          "Hoe voorkom ik dat een nieuwe kolom in de bron ongemerkt onze rapportages verandert",
          "Na een update van het bronsysteem kwam er een kolom `status_v2` bij. Die liep via `SELECT *` door tot in een mart, en een filter in een dashboard gaf opeens andere aantallen.",
          "Gebruik in de rapportagelaag nooit `SELECT *`, maar expliciete kolomlijsten. Laat nieuwe kolommen wel landen in de ruwe laag via `schema_policy: evolve`, zodat je ze kunt bekijken voordat iemand ze gebruikt.",
          "Wij laten de pipeline bij elke schemawijziging een melding posten met een diff van oud en nieuw schema. Het kost weinig en het datateam weet het vóórdat de gebruikers het merken.",
        ],
      ],
    },
    en: {
      topic: "schema drift in source systems",
      why: "Source systems change without anyone telling the data team: a new column, a changed type, a field that disappears. A clear schema policy means you know in advance what the pipeline will do, instead of finding out from a broken dashboard in the morning.",
      tips: [
        "Choose deliberately between `evolve`, `freeze` and `fail` as the schema policy per source.",
        "Let new columns land automatically in the raw layer, but not in the reporting layer.",
        "Notify the owner of the source whenever the schema changes.",
        "Agree on a lightweight data contract with the vendors of your source systems.",
        "Test connector updates in acceptance first, against a copy of the real schema.",
      ],
      pitfalls: [
        "Letting type changes (text to number) flow all the way into the marts.",
        "Treating a renamed column as one new column plus one missing column.",
        "Keeping no history of schema versions, so nobody knows when it changed.",
      ],
      problems: [
        [
          "Why does our connector fail after the vendor renamed a column",
          "Our WMS vendor renamed `qty` to `quantity`. Since then the connector fails every night and the stock dashboards stay empty.",
          "With `schema_policy: fail` the connector deliberately stops on any change. Add a column mapping (`qty` → `quantity`) to the connector configuration and run a backfill for the missed days. Afterwards you can consider `evolve` for this source.",
          "Agree with the vendor that schema changes are announced in advance. We had that written into the contract, including a test export two weeks before each release.",
        ],
        [
          "How do I stop a new source column from silently changing our reports",
          "After a source system update a column `status_v2` appeared. It flowed through a `SELECT *` into a mart, and a dashboard filter suddenly returned different counts.",
          "Never use `SELECT *` in the reporting layer; list the columns explicitly. Do let new columns land in the raw layer with `schema_policy: evolve`, so you can inspect them before anyone relies on them.",
          "Our pipeline posts a message with a diff of the old and new schema whenever the schema changes. It costs almost nothing and the data team knows before the users notice.",
        ],
      ],
    },
  },
  {
    tags: ["sql"],
    inline: "ROWS BETWEEN",
    doc: "sql/window-functions",
    cx: "0124",
    err: [null, null],
    code: {
      lang: "sql",
      text: `
SELECT depot,
       ship_date,
       SUM(parcels) OVER (
         PARTITION BY depot ORDER BY ship_date
         ROWS BETWEEN 6 PRECEDING AND CURRENT ROW
       ) AS parcels_7d
FROM mart.shipments_daily;`,
    },
    nl: {
      topic: "windowfuncties in SQL",
      why: "Voortschrijdende gemiddelden, rangordes en de vorige waarde per klant: met windowfuncties reken je ze uit zonder self-joins of subqueries. Ze zijn krachtig, maar het verschil tussen `ROWS` en `RANGE` en de volgorde binnen een partitie zorgen regelmatig voor verrassingen.",
      tips: [
        "Geef altijd een expliciete `ORDER BY` binnen `OVER()`, ook als het toevallig goed lijkt te gaan.",
        "Gebruik `ROWS BETWEEN` voor een vast aantal rijen en `RANGE` alleen als je echt op waarden rekent.",
        "Vul ontbrekende dagen eerst aan met een datumtabel, anders telt een 7-daags gemiddelde te weinig dagen.",
        "Gebruik `QUALIFY` om direct op het resultaat van een windowfunctie te filteren.",
        "Houd partities behapbaar; één enorme partitie betekent één worker die al het werk doet.",
      ],
      pitfalls: [
        "`LAST_VALUE()` gebruiken zonder frame, waardoor je de huidige rij terugkrijgt.",
        "Dubbele sorteerwaarden, waardoor `ROW_NUMBER()` per run een andere rij kiest.",
        "Een voortschrijdend gemiddelde over dagen zonder data, waardoor het venster ongemerkt langer wordt.",
      ],
      problems: [
        [
          "Waarom geeft LAST_VALUE steeds de huidige rij terug in plaats van de laatste",
          "Ik wil per zending de laatste status tonen met `LAST_VALUE(status) OVER (PARTITION BY shipment_id ORDER BY event_time)`, maar ik krijg gewoon de status van de rij zelf terug.",
          "Het standaardframe loopt van het begin van de partitie tot en met de huidige rij, dus de 'laatste' waarde is de huidige. Voeg `ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING` toe, of gebruik `FIRST_VALUE()` met een aflopende sortering.",
          "Als je alleen de laatste status per zending nodig hebt, is `QUALIFY ROW_NUMBER() OVER (PARTITION BY shipment_id ORDER BY event_time DESC) = 1` vaak duidelijker en sneller.",
        ],
        [
          "Hoe komt het dat ROW_NUMBER bij elke run een andere rij als eerste kiest",
          "We ontdubbelen klanten met `ROW_NUMBER()` op `updated_at`. Bij sommige klanten wisselt per run welke rij overblijft, waardoor rapporten niet reproduceerbaar zijn.",
          "Er zijn klanten met twee rijen die exact dezelfde `updated_at` hebben, en dan is de volgorde niet gedefinieerd. Voeg een tweede, unieke sorteersleutel toe, bijvoorbeeld `ORDER BY updated_at DESC, source_id DESC`.",
          "Zoek ook uit waar die gelijke tijdstempels vandaan komen. Bij ons schreef een bulkimport alles binnen dezelfde seconde weg; met een extra volgnummer in de bron was het probleem structureel opgelost.",
        ],
      ],
    },
    en: {
      topic: "window functions in SQL",
      why: "Moving averages, rankings and the previous value per customer: window functions compute them without self-joins or subqueries. They are powerful, but the difference between `ROWS` and `RANGE` and the ordering within a partition regularly cause surprises.",
      tips: [
        "Always give an explicit `ORDER BY` inside `OVER()`, even when the result happens to look right.",
        "Use `ROWS BETWEEN` for a fixed number of rows, and `RANGE` only when you really mean values.",
        "Fill in missing days with a date table first, or a 7-day average will quietly cover fewer days.",
        "Use `QUALIFY` to filter directly on the result of a window function.",
        "Keep partitions reasonably sized; one huge partition means one worker doing all the work.",
      ],
      pitfalls: [
        "Using `LAST_VALUE()` without a frame and getting the current row back.",
        "Duplicate sort values, so `ROW_NUMBER()` picks a different row on every run.",
        "A moving average over days without data, which silently stretches the window.",
      ],
      problems: [
        [
          "Why does LAST_VALUE keep returning the current row instead of the last one",
          "I want the latest status per shipment with `LAST_VALUE(status) OVER (PARTITION BY shipment_id ORDER BY event_time)`, but I just get the status of the row itself.",
          "The default frame runs from the start of the partition up to the current row, so the 'last' value is the current one. Add `ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING`, or use `FIRST_VALUE()` with a descending sort.",
          "If you only need the latest status per shipment, `QUALIFY ROW_NUMBER() OVER (PARTITION BY shipment_id ORDER BY event_time DESC) = 1` is often clearer and faster.",
        ],
        [
          "Why does ROW_NUMBER pick a different first row on every run",
          "We deduplicate customers with `ROW_NUMBER()` on `updated_at`. For some customers the surviving row changes between runs, so our reports are not reproducible.",
          "Some customers have two rows with exactly the same `updated_at`, and then the order is undefined. Add a second, unique sort key, for example `ORDER BY updated_at DESC, source_id DESC`.",
          "Also find out where the identical timestamps come from. In our case a bulk import wrote everything within the same second; an extra sequence number in the source fixed it for good.",
        ],
      ],
    },
  },
  {
    tags: ["sql", "performance", "warehouse"],
    inline: "EXPLAIN",
    doc: "warehouse/partitioning",
    cx: "01247",
    err: ["EXPLAIN: TableScan claims_fact partitions=84/84 bytes=412GB", null],
    code: {
      lang: "sql",
      text: `
CREATE TABLE mart.claims_fact
  PARTITION BY DATE_TRUNC('month', claim_date)
  CLUSTER BY (policy_id)
AS SELECT * FROM staging.claims;

EXPLAIN SELECT COUNT(*) FROM mart.claims_fact
WHERE claim_date >= '2025-01-01' AND claim_date < '2026-01-01';`,
    },
    nl: {
      topic: "queryprestaties in het warehouse",
      why: "Een query die vorig jaar tien seconden duurde, duurt nu twee minuten, omdat de tabel vier keer zo groot is geworden. Met partitionering, clustering en een kritische blik op het queryplan houd je het warehouse snel en de rekening voorspelbaar.",
      tips: [
        "Partitioneer grote feitentabellen op de datum waarop je het vaakst filtert.",
        "Cluster op de kolom die in joins en filters het meest terugkomt, zoals `policy_id` of `depot_id`.",
        "Lees het queryplan met `EXPLAIN` voordat je meer rekenkracht bijzet.",
        "Filter vroeg en selecteer alleen de kolommen die je echt nodig hebt.",
        "Maak voor zware, vaak gebruikte aggregaties een materialized view.",
      ],
      pitfalls: [
        "Een functie om de partitiekolom heen, waardoor partition pruning niet meer werkt.",
        "Joins op kolommen met verschillende types, die een impliciete cast afdwingen.",
        "Een groter warehouse-formaat kiezen in plaats van het queryplan te bekijken.",
      ],
      problems: [
        [
          "Waarom scant onze query alle partities terwijl we op datum filteren",
          "De tabel `claims_fact` is per maand gepartitioneerd. Toch leest een query met `WHERE YEAR(claim_date) = 2025` volgens het plan alle 84 partities.",
          "De functie `YEAR()` om de partitiekolom verhindert partition pruning. Schrijf het filter als bereik: `WHERE claim_date >= '2025-01-01' AND claim_date < '2026-01-01'`. Het plan toont dan alleen de partities van dat jaar.",
          "Als gebruikers vaak op jaar filteren, kun je ook een gegenereerde kolom `claim_year` toevoegen en daarop filteren. Maar het bereikfilter is de eenvoudigste en meest robuuste oplossing.",
        ],
        [
          "Hoe krijg ik een join tussen twee grote tabellen sneller",
          "Een join tussen zendingen (300 miljoen rijen) en adressen (40 miljoen rijen) duurt meer dan tien minuten. De join loopt op `address_id`.",
          "Kijk eerst of beide kolommen hetzelfde type hebben; een join tussen `VARCHAR` en `BIGINT` dwingt een cast op elke rij af. Cluster daarna beide tabellen op `address_id` en filter de grote tabel vóór de join op de periode die je nodig hebt.",
          "Soms is de echte oplossing een voorgeaggregeerde tabel. Als je alleen aantallen per postcode nodig hebt, aggregeer dan eerst de zendingen en join daarna pas met de adressen.",
        ],
      ],
    },
    en: {
      topic: "query performance in the warehouse",
      why: "A query that took ten seconds last year now takes two minutes because the table has quadrupled. Partitioning, clustering and a critical look at the query plan keep the warehouse fast and the bill predictable.",
      tips: [
        "Partition large fact tables on the date you filter by most often.",
        "Cluster on the column that appears most in joins and filters, such as `policy_id` or `depot_id`.",
        "Read the query plan with `EXPLAIN` before adding compute.",
        "Filter early and select only the columns you really need.",
        "Create a materialized view for heavy aggregations that many people use.",
      ],
      pitfalls: [
        "Wrapping the partition column in a function, which disables partition pruning.",
        "Joining columns of different types, which forces an implicit cast.",
        "Choosing a bigger warehouse size instead of reading the plan.",
      ],
      problems: [
        [
          "Why does our query scan every partition even though we filter on date",
          "`claims_fact` is partitioned by month. Still, according to the plan, a query with `WHERE YEAR(claim_date) = 2025` reads all 84 partitions.",
          "The `YEAR()` function around the partition column prevents partition pruning. Write the filter as a range: `WHERE claim_date >= '2025-01-01' AND claim_date < '2026-01-01'`. The plan will then show only that year's partitions.",
          "If users often filter by year, you could add a generated `claim_year` column and filter on that. But the range filter is the simplest and most robust fix.",
        ],
        [
          "How can I speed up a join between two large tables",
          "A join between shipments (300 million rows) and addresses (40 million rows) takes more than ten minutes. The join key is `address_id`.",
          "First check that both columns have the same type; joining `VARCHAR` to `BIGINT` forces a cast on every row. Then cluster both tables on `address_id` and filter the large table to the period you need before joining.",
          "Sometimes the real fix is a pre-aggregated table. If you only need counts per postcode, aggregate the shipments first and join the addresses afterwards.",
        ],
      ],
    },
  },
  {
    tags: ["sql", "data-modelling", "warehouse"],
    inline: "is_current",
    doc: "modelling/history-tables",
    cx: "01245",
    err: [null, null],
    code: {
      lang: "sql",
      text: `
MERGE INTO dim_client d
USING staging.clients s
  ON d.client_id = s.client_id AND d.is_current
WHEN MATCHED AND d.row_hash <> s.row_hash THEN
  UPDATE SET is_current = false, valid_to = s.changed_at
WHEN NOT MATCHED THEN
  INSERT (client_id, segment, row_hash, valid_from, is_current)
  VALUES (s.client_id, s.segment, s.row_hash, s.changed_at, true);`,
    },
    nl: {
      topic: "slowly changing dimensions",
      why: "Als een klant van segment wisselt, wil je oude omzet niet met terugwerkende kracht aan het nieuwe segment toeschrijven. Met slowly changing dimensions van type 2 bewaar je elke versie van een rij met een geldigheidsperiode, zodat rapporten over het verleden blijven kloppen.",
      tips: [
        "Bepaal per kolom of historie nodig is; niet elke wijziging verdient een nieuwe versie.",
        "Gebruik een hash over de relevante kolommen om wijzigingen snel te detecteren.",
        "Werk met `valid_from`, `valid_to` en een vlag `is_current` om queries eenvoudig te houden.",
        "Laat `valid_to` van de actuele rij leeg of zet hem op 9999-12-31, en wees daar consequent in.",
        "Koppel feiten aan de versie die gold op de transactiedatum, niet aan de actuele versie.",
      ],
      pitfalls: [
        "Twee actuele versies van dezelfde klant door een onderbroken merge.",
        "Tijdzoneverschillen tussen `valid_from` en de transactiedatum in de feitentabel.",
        "Historie bijhouden op kolommen die elke dag veranderen, zoals een laatst-ingelogd-veld.",
      ],
      problems: [
        [
          "Waarom hebben sommige klanten twee actuele rijen in onze SCD2-dimensie",
          "In `dim_client` staan enkele honderden klanten met `is_current = true` op twee rijen. Daardoor verdubbelt hun omzet in het dashboard.",
          "Dit ontstaat als het afsluiten van de oude versie en het invoegen van de nieuwe niet in één transactie gebeuren. Voer beide stappen in één `MERGE` of transactie uit en voeg een controle toe die faalt zodra een klant meer dan één actuele rij heeft.",
          "Ruim de bestaande gevallen op door per klant alleen de rij met de hoogste `valid_from` actueel te laten, en zet de `valid_to` van de andere rij gelijk aan die `valid_from`.",
        ],
        [
          "Hoe koppel ik feiten aan de juiste historische versie van een dimensie",
          "Onze facturen van 2023 verschijnen onder het huidige segment van de klant, terwijl finance ze onder het oude segment wil zien.",
          "Join niet op `is_current`, maar op de geldigheidsperiode: `f.invoice_date >= d.valid_from AND f.invoice_date < COALESCE(d.valid_to, '9999-12-31')`. Nog beter is om de surrogaatsleutel van de juiste versie al bij het laden in de feitentabel vast te leggen.",
          "Wij bieden beide aan: een kolom met het segment op het moment van factureren en een kolom met het huidige segment. Zo kan finance zelf kiezen welke blik ze nodig hebben.",
        ],
      ],
    },
    en: {
      topic: "slowly changing dimensions",
      why: "When a customer moves to another segment, you do not want past revenue reassigned to the new segment retroactively. Type 2 slowly changing dimensions keep every version of a row with a validity period, so reports about the past stay correct.",
      tips: [
        "Decide per column whether history is needed; not every change deserves a new version.",
        "Use a hash over the relevant columns to detect changes quickly.",
        "Work with `valid_from`, `valid_to` and an `is_current` flag to keep queries simple.",
        "Leave `valid_to` of the current row empty or set it to 9999-12-31, and be consistent about it.",
        "Link facts to the version valid on the transaction date, not to the current version.",
      ],
      pitfalls: [
        "Two current versions of the same customer after an interrupted merge.",
        "Time zone differences between `valid_from` and the transaction date in the fact table.",
        "Tracking history on columns that change daily, such as a last-login field.",
      ],
      problems: [
        [
          "Why do some customers have two current rows in our SCD2 dimension",
          "A few hundred customers in `dim_client` have `is_current = true` on two rows, which doubles their revenue on the dashboard.",
          "This happens when closing the old version and inserting the new one do not run in a single transaction. Do both in one `MERGE` or transaction and add a check that fails as soon as a customer has more than one current row.",
          "Clean up the existing cases by keeping only the row with the highest `valid_from` current per customer, and set the other row's `valid_to` to that `valid_from`.",
        ],
        [
          "How do I join facts to the right historical version of a dimension",
          "Our 2023 invoices show up under the customer's current segment, while finance wants to see them under the old one.",
          "Do not join on `is_current`; join on the validity period: `f.invoice_date >= d.valid_from AND f.invoice_date < COALESCE(d.valid_to, '9999-12-31')`. Better still, store the surrogate key of the right version in the fact table at load time.",
          "We offer both: a column with the segment at invoice time and a column with the current segment. Finance can then pick the view they need.",
        ],
      ],
    },
  },
  {
    tags: ["dashboards"],
    inline: "filter.default: last_30_days",
    doc: "dashboards/design",
    cx: "0157",
    err: [null, null],
    nl: {
      topic: "dashboards voor het managementteam",
      why: "Een managementteam heeft geen tijd om door twaalf tabbladen te klikken. Een goed dashboard beantwoordt in één oogopslag de vraag of het goed gaat, en laat zien waar je moet doorklikken als dat niet zo is.",
      tips: [
        "Begin met de drie vragen die het MT elke week stelt, niet met de data die toevallig beschikbaar is.",
        "Zet de belangrijkste kerncijfers linksboven, met een vergelijking met de vorige periode of het doel.",
        "Gebruik kleur alleen om afwijkingen te tonen, niet als decoratie.",
        "Stel een zinnige standaardperiode in, bijvoorbeeld `filter.default: last_30_days`.",
        "Zet bij elk kerncijfer een korte definitie in de tooltip.",
      ],
      pitfalls: [
        "Taartdiagrammen met negen segmenten die niemand kan vergelijken.",
        "Een dashboard per afdeling, elk met een net andere definitie van hetzelfde kerncijfer.",
        "Alle filters tegelijk tonen, zodat niemand meer weet wat er gefilterd is.",
      ],
      problems: [
        [
          "Hoe overtuig ik ons MT om afscheid te nemen van een dashboard met veertig grafieken",
          "Ons managementdashboard is in drie jaar gegroeid tot veertig grafieken. Niemand gebruikt het nog echt, maar bij elk voorstel om iets weg te halen is er wel iemand die het 'misschien nog nodig heeft'.",
          "Kijk in de gebruiksstatistieken welke tegels het afgelopen kwartaal bekeken zijn; in Nordlicht staan die per dashboard onder Beheer. Met die cijfers wordt het gesprek snel zakelijk. Bouw daarnaast een nieuwe versie met vijf kerncijfers en laat beide een maand naast elkaar bestaan.",
          "Wij hebben het omgedraaid: elk MT-lid mocht drie vragen noemen die het dashboard moet beantwoorden. Alles wat niet op die lijst stond, verhuisde naar een apart detaildashboard. Niemand heeft het gemist.",
        ],
        [
          "Waarom tonen twee dashboards een ander aantal voor hetzelfde kerncijfer",
          "Het operationele dashboard toont 12.482 leveringen in oktober, het MT-dashboard 12.397. Beide zeggen 'leveringen per maand', maar ze zijn door verschillende teams gebouwd.",
          "Waarschijnlijk verschilt de definitie: telt een retourzending mee, en op welke datum wordt geteld, verzending of levering? Leg de definitie één keer vast in een gedeelde metriek en laat beide dashboards die gebruiken.",
          "Zet de twee queries naast elkaar en vergelijk per dag. Bij ons zat het verschil in de tijdzone: het ene dashboard telde in UTC, het andere in lokale tijd, waardoor leveringen rond middernacht in een andere maand vielen.",
        ],
      ],
    },
    en: {
      topic: "dashboards for management teams",
      why: "A management team has no time to click through twelve tabs. A good dashboard answers at a glance whether things are going well, and shows where to drill down when they are not.",
      tips: [
        "Start from the three questions management asks every week, not from the data you happen to have.",
        "Put the key figures top left, compared with the previous period or a target.",
        "Use colour only to highlight deviations, never as decoration.",
        "Set a sensible default period, for example `filter.default: last_30_days`.",
        "Add a short definition to the tooltip of every key figure.",
      ],
      pitfalls: [
        "Pie charts with nine slices that nobody can compare.",
        "One dashboard per department, each with a slightly different definition of the same KPI.",
        "Showing every filter at once until nobody knows what is being filtered.",
      ],
      problems: [
        [
          "How do I convince our leadership to retire a dashboard with forty charts",
          "Our management dashboard has grown to forty charts in three years. Nobody really uses it, but every proposal to remove something meets someone who 'might still need it'.",
          "Check the usage statistics to see which tiles were viewed last quarter; Nordlicht shows them per dashboard under Admin. With those numbers the conversation becomes factual quickly. Then build a new version with five key figures and run both side by side for a month.",
          "We turned it around: every board member named three questions the dashboard had to answer. Everything not on that list moved to a separate detail dashboard. Nobody missed it.",
        ],
        [
          "Why do two dashboards show different numbers for the same KPI",
          "The operations dashboard shows 12,482 deliveries in October, the management dashboard 12,397. Both say 'deliveries per month', but different teams built them.",
          "The definition probably differs: do returns count, and which date is used, shipping or delivery? Define it once as a shared metric and make both dashboards use it.",
          "Put both queries side by side and compare per day. In our case the difference was the time zone: one dashboard counted in UTC, the other in local time, so deliveries around midnight fell into another month.",
        ],
      ],
    },
  },
  {
    tags: ["dashboards", "performance"],
    inline: "cache.ttl",
    doc: "dashboards/caching",
    cx: "012467",
    err: [null, "dashboard.render finance_monthly tiles=18 total=15.2s slowest=revenue_by_product (11.8s)"],
    code: {
      lang: "yaml",
      text: `
dashboard: operations_daily
cache:
  ttl: 12h
  warm_on_refresh: true
tiles:
  - id: parcels_per_depot
    source: mart.parcels_daily   # pre-aggregated per day and depot
  - id: late_deliveries
    source: mart.deliveries_late`,
    },
    nl: {
      topic: "dashboardprestaties",
      why: "Een dashboard dat twintig seconden laadt, wordt niet meer geopend. Meestal ligt het niet aan het dashboard zelf, maar aan tegels die elk een zware query op ruwe data afvuren. Met voorgeaggregeerde tabellen en een verstandige cache wordt hetzelfde dashboard vaak tien keer sneller.",
      tips: [
        "Laat tegels lezen uit een voorgeaggregeerde mart in plaats van uit ruwe feitentabellen.",
        "Stem `cache.ttl` af op hoe vaak de onderliggende data werkelijk ververst.",
        "Warm de cache op direct na de nachtelijke load, vóór de eerste gebruikers inloggen.",
        "Beperk het aantal tegels per pagina; elke tegel is minstens één query.",
        "Gebruik de query-inspector om de traagste tegel te vinden voordat je gaat optimaliseren.",
      ],
      pitfalls: [
        "Een cache van één minuut op data die maar één keer per nacht verandert.",
        "Filters op tekstkolommen met miljoenen unieke waarden.",
        "Dezelfde zware berekening in vijf tegels, in plaats van één keer in de mart.",
      ],
      problems: [
        [
          "Waarom laadt ons dashboard 's ochtends zo traag en later op de dag niet",
          "Tussen 8:00 en 9:00 duurt het openen van het operationele dashboard bijna een halve minuut. Na tienen is het binnen twee seconden geladen.",
          "De eerste gebruikers van de dag vullen de cache. Zet `warm_on_refresh: true` in de dashboardconfiguratie, dan worden de tegels direct na de nachtelijke refresh al berekend. Controleer ook of de cache niet kort vóór 8:00 verloopt.",
          "Bij ons kwam het ook door de nachtelijke load die uitliep tot na achten, waardoor het warehouse nog druk was. Sinds de load eerder start, is het ochtendprobleem verdwenen.",
        ],
        [
          "Hoe vind ik welke tegel ons dashboard vertraagt",
          "Ons financiële dashboard heeft achttien tegels en laadt in ongeveer vijftien seconden. We willen het versnellen, maar weten niet waar we moeten beginnen.",
          "Open het dashboard met de query-inspector (`?inspect=1` in de URL). Die toont per tegel de duur en de gegenereerde SQL. Meestal zijn één of twee tegels verantwoordelijk voor het grootste deel van de laadtijd; begin daar.",
          "In jullie log is het al zichtbaar: `revenue_by_product` kost bijna twaalf seconden. Reken die omzet per product één keer per nacht uit in een mart, dan zakt de laadtijd waarschijnlijk onder de vier seconden.",
        ],
      ],
    },
    en: {
      topic: "dashboard performance",
      why: "A dashboard that takes twenty seconds to load stops being opened. Usually the dashboard itself is not the problem, but tiles that each fire a heavy query at raw data. With pre-aggregated tables and a sensible cache the same dashboard is often ten times faster.",
      tips: [
        "Let tiles read from a pre-aggregated mart instead of raw fact tables.",
        "Tune `cache.ttl` to how often the underlying data really refreshes.",
        "Warm the cache right after the nightly load, before the first users log in.",
        "Limit the number of tiles per page; every tile is at least one query.",
        "Use the query inspector to find the slowest tile before you start optimising.",
      ],
      pitfalls: [
        "A one-minute cache on data that changes only once a night.",
        "Filters on text columns with millions of distinct values.",
        "The same heavy calculation in five tiles instead of once in the mart.",
      ],
      problems: [
        [
          "Why is our dashboard slow in the morning but fine later in the day",
          "Between 8:00 and 9:00 opening the operations dashboard takes almost half a minute. After ten it loads in two seconds.",
          "The first users of the day are filling the cache. Set `warm_on_refresh: true` in the dashboard configuration so tiles are computed right after the nightly refresh. Also check that the cache does not expire just before 8:00.",
          "For us it was also the nightly load running past eight, so the warehouse was still busy. Since we start the load earlier, the morning problem is gone.",
        ],
        [
          "How do I find out which tile is slowing down our dashboard",
          "Our finance dashboard has eighteen tiles and loads in about fifteen seconds. We want to speed it up but do not know where to start.",
          "Open the dashboard with the query inspector (`?inspect=1` in the URL). It shows the duration and generated SQL per tile. Usually one or two tiles account for most of the load time; start there.",
          "Your log already shows it: `revenue_by_product` takes almost twelve seconds. Compute revenue per product once a night in a mart and the load time will probably drop below four seconds.",
        ],
      ],
    },
  },
  {
    tags: ["dashboards", "security", "governance"],
    inline: "CURRENT_USER()",
    doc: "security/row-access-policies",
    cx: "0147",
    err: [null, null],
    code: {
      lang: "sql",
      text: `
CREATE ROW ACCESS POLICY campus_only
ON mart.bed_occupancy
USING (campus_id IN (
  SELECT campus_id
  FROM security.user_campus
  WHERE LOWER(user_email) = LOWER(CURRENT_USER())
));`,
    },
    nl: {
      topic: "row-level security",
      why: "Niet iedereen mag alle rijen zien: een campusmanager alleen de eigen campus, een accountmanager alleen de eigen klanten. Met row-level security leg je die regels één keer vast in het warehouse, zodat ze gelden voor elk dashboard, elke export en elke query.",
      tips: [
        "Leg toegangsregels vast in het warehouse, niet in elk dashboard afzonderlijk.",
        "Baseer de regels op een mappingtabel die je vanuit HR of het IAM-systeem vult.",
        "Test de regels met een testaccount per rol voordat je live gaat.",
        "Geef beheerders een aparte rol in plaats van een uitzondering in elke policy.",
        "Log wie welke policy wanneer heeft aangepast.",
      ],
      pitfalls: [
        "Een mappingtabel die niet wordt bijgewerkt als iemand van afdeling wisselt.",
        "Gecachete dashboardtegels die over gebruikers heen worden gedeeld.",
        "Exports die via een serviceaccount lopen en zo de policy omzeilen.",
      ],
      problems: [
        [
          "Waarom zien gebruikers na het inschakelen van row-level security een leeg dashboard",
          "We hebben een row access policy op `mart.bed_occupancy` gezet. Beheerders zien alles, maar campusmanagers zien nu helemaal niets meer, ook niet hun eigen campus.",
          "Vaak komt `CURRENT_USER()` niet overeen met de waarde in de mappingtabel: hoofdletters in het e-mailadres, of een UPN in plaats van het mailadres. Vergelijk met `SELECT CURRENT_USER()` als die gebruiker en normaliseer beide kanten met `LOWER()`.",
          "Controleer ook of het dashboard niet via een gedeelde serviceverbinding draait. In dat geval ziet het warehouse altijd het serviceaccount, en moet je de optie 'query als kijker' aanzetten.",
        ],
        [
          "Hoe voorkom ik dat gecachete tegels data van een andere gebruiker tonen",
          "Na het aanzetten van row-level security zag een teamleider kort de cijfers van een andere afdeling. Na het verversen klopte het weer.",
          "De dashboardcache moet per gebruiker of per policy-context werken. Zet `cache.scope: user` voor dashboards op tabellen met een row access policy. Dat kost wat meer cache, maar voorkomt precies dit soort lekken.",
          "Meld het incident ook intern als mogelijk datalek, ook al was het kort. Wij hebben daarna standaard ingesteld dat dashboards op beveiligde tabellen nooit een gedeelde cache gebruiken.",
        ],
      ],
    },
    en: {
      topic: "row-level security",
      why: "Not everyone may see every row: a campus manager only their own campus, an account manager only their own clients. Row-level security records those rules once in the warehouse, so they apply to every dashboard, export and query.",
      tips: [
        "Define access rules in the warehouse, not separately in each dashboard.",
        "Base the rules on a mapping table fed from HR or your IAM system.",
        "Test the rules with one test account per role before going live.",
        "Give administrators a separate role instead of an exception in every policy.",
        "Log who changed which policy and when.",
      ],
      pitfalls: [
        "A mapping table that is not updated when someone changes department.",
        "Cached dashboard tiles that are shared across users.",
        "Exports running under a service account that bypasses the policy.",
      ],
      problems: [
        [
          "Why do users see an empty dashboard after enabling row-level security",
          "We put a row access policy on `mart.bed_occupancy`. Administrators see everything, but campus managers now see nothing at all, not even their own campus.",
          "Often `CURRENT_USER()` does not match the value in the mapping table: capital letters in the e-mail address, or a UPN instead of the mail address. Compare with `SELECT CURRENT_USER()` as that user and normalise both sides with `LOWER()`.",
          "Also check that the dashboard does not run over a shared service connection. In that case the warehouse always sees the service account, and you need to enable 'query as viewer'.",
        ],
        [
          "How do I stop cached tiles from showing another user's data",
          "After enabling row-level security a team lead briefly saw another department's figures. After a refresh everything was correct again.",
          "The dashboard cache has to work per user or per policy context. Set `cache.scope: user` for dashboards on tables with a row access policy. It costs more cache, but prevents exactly this kind of leak.",
          "Report the incident internally as a possible data breach, even though it was brief. Afterwards we made it the default that dashboards on secured tables never use a shared cache.",
        ],
      ],
    },
  },
  {
    tags: ["power-bi", "connectors", "dashboards"],
    inline: "DirectQuery",
    doc: "connectors/power-bi",
    cx: "0147",
    err: [
      "DataSource.Error: Nordlicht: The credentials provided for the Nordlicht source are invalid.\nCluster URI: WABI-WEST-EUROPE-redirect.analysis.windows.net",
      null,
    ],
    nl: {
      topic: "de koppeling met Power BI",
      why: "Veel organisaties gebruiken Nordlicht voor opslag en transformatie, maar Power BI voor rapportage. De connector maakt dat eenvoudig, maar de keuze tussen Import en `DirectQuery` en de inrichting van de gateway bepalen of het snel en veilig blijft.",
      tips: [
        "Gebruik Import voor kleine, stabiele datasets en `DirectQuery` voor grote of snel veranderende data.",
        "Laat Power BI lezen uit marts, niet uit ruwe tabellen.",
        "Gebruik een serviceaccount met alleen leesrechten op het rapportageschema.",
        "Plan de refresh in Power BI pas ná de nachtelijke load in Nordlicht.",
        "Houd de versie van de connector en de on-premises gateway gelijk over alle omgevingen.",
      ],
      pitfalls: [
        "Een persoonlijk account als bron van een gedeelde dataset.",
        "Refreshes die starten terwijl de nachtelijke load nog draait.",
        "Zware DAX-berekeningen die je beter in SQL in het warehouse kunt doen.",
      ],
      problems: [
        [
          "Waarom faalt de geplande refresh in Power BI terwijl het in Desktop wel werkt",
          "In Power BI Desktop kan ik de dataset zonder problemen verversen. In de Power BI-service faalt de geplande refresh elke nacht.",
          "In Desktop gebruik je je eigen inlog, in de service de referenties die aan de gateway of dataset hangen. Stel in de datasetinstellingen opnieuw de referenties in, bij voorkeur met een serviceaccount, en controleer of de gateway dezelfde connectorversie heeft als Desktop.",
          "Bij ons was het wachtwoord van het serviceaccount verlopen door een nieuw beleid van 90 dagen. We gebruiken nu een tokengebaseerde verbinding, zodat dit niet meer ongemerkt kan gebeuren.",
        ],
        [
          "Hoe kies ik tussen Import en DirectQuery voor een grote tabel",
          "We willen een Power BI-rapport bouwen op een tabel met 200 miljoen zendingen. Import duurt erg lang en de dataset wordt groot, maar DirectQuery voelt traag.",
          "Combineer beide: importeer een geaggregeerde tabel per dag en depot voor de overzichten, en laat de detailtabel in `DirectQuery` staan voor het doorklikken. Power BI gebruikt dan automatisch de aggregatie waar dat kan.",
          "Kijk ook of je echt alle 200 miljoen rijen nodig hebt. Vaak volstaan de laatste twee jaar in detail; oudere data kan als aggregaat mee.",
        ],
      ],
    },
    en: {
      topic: "the Power BI connector",
      why: "Many organisations use Nordlicht for storage and transformation but Power BI for reporting. The connector makes that straightforward, but the choice between Import and `DirectQuery`, and how you set up the gateway, decide whether it stays fast and secure.",
      tips: [
        "Use Import for small, stable datasets and `DirectQuery` for large or fast-changing data.",
        "Let Power BI read from marts, not from raw tables.",
        "Use a service account with read-only access to the reporting schema.",
        "Schedule the Power BI refresh after the nightly load in Nordlicht has finished.",
        "Keep the connector and on-premises gateway versions equal across environments.",
      ],
      pitfalls: [
        "A personal account as the source of a shared dataset.",
        "Refreshes that start while the nightly load is still running.",
        "Heavy DAX calculations that belong in SQL in the warehouse.",
      ],
      problems: [
        [
          "Why does the scheduled Power BI refresh fail when it works in Desktop",
          "I can refresh the dataset in Power BI Desktop without any problem, but the scheduled refresh in the Power BI service fails every night.",
          "Desktop uses your own login, the service uses the credentials attached to the gateway or dataset. Re-enter the credentials in the dataset settings, preferably with a service account, and check that the gateway runs the same connector version as Desktop.",
          "In our case the service account password had expired under a new 90-day policy. We now use a token-based connection, so this cannot happen unnoticed again.",
        ],
        [
          "How do I choose between Import and DirectQuery for a large table",
          "We want a Power BI report on a table with 200 million shipments. Import takes ages and the dataset gets huge, but DirectQuery feels slow.",
          "Combine them: import an aggregated table per day and depot for the overviews, and keep the detail table in `DirectQuery` for drill-through. Power BI then uses the aggregation automatically where it can.",
          "Also ask whether you really need all 200 million rows. Often the last two years in detail are enough, with older data included as an aggregate.",
        ],
      ],
    },
  },
  {
    tags: ["sso", "security"],
    inline: "groups_claim",
    doc: "security/sso",
    cx: "137",
    err: ["auth.oidc: no role mapping matched for user (groups claim missing, overage indicator present)", null],
    code: {
      lang: "yaml",
      text: `
auth:
  provider: oidc
  issuer: https://login.microsoftonline.com/TENANT_ID/v2.0
  client_id: nordlicht-prod
  groups_claim: groups
  role_mapping:
    bi-analisten: analyst
    data-beheer: admin`,
    },
    nl: {
      topic: "single sign-on met Entra ID",
      why: "Met single sign-on loggen medewerkers in met hun bestaande werkaccount, en verdwijnt hun toegang automatisch als ze uit dienst gaan. Door groepen uit Entra ID of Okta te koppelen aan rollen in Nordlicht, hoeft niemand nog handmatig rechten bij te houden.",
      tips: [
        "Koppel rollen aan groepen uit de identity provider, niet aan individuele accounts.",
        "Houd één noodaccount met lokale inlog achter de hand, goed beveiligd en gedocumenteerd.",
        "Controleer welke claim de groepen bevat en stel `groups_claim` daarop in.",
        "Test met een gebruiker zonder beheerrechten; beheerders hebben vaak overal toegang.",
        "Spreek af wie de groepen beheert, zodat aanvragen niet bij het datateam blijven hangen.",
      ],
      pitfalls: [
        "Gebruikers in meer dan 200 groepen, waardoor de token geen groepen meer bevat.",
        "Een verlopen signing-certificaat bij de identity provider.",
        "Lokale accounts die blijven bestaan nadat SSO is ingevoerd.",
      ],
      problems: [
        [
          "Waarom krijgen sommige gebruikers na het inloggen met SSO geen enkele rol",
          "De meeste collega's krijgen na het inloggen netjes de rol `analyst`, maar een paar managers komen binnen zonder rechten. Ze zitten wel in de juiste groep.",
          "Bij gebruikers in veel groepen stuurt Entra ID geen groepen mee in de token, maar een zogenaamde overage-indicator. Beperk de claim tot groepen die aan de applicatie zijn toegewezen, of zet `groups_source: graph`, zodat Nordlicht de groepen zelf ophaalt.",
          "Wij hebben in Entra ID 'Groups assigned to the application' ingesteld. Daarmee bevat de token alleen de paar groepen die voor Nordlicht relevant zijn, en was het probleem meteen weg.",
        ],
        [
          "Hoe vervang ik het signing-certificaat van onze SAML-koppeling zonder uitval",
          "Het certificaat van onze SAML-koppeling verloopt over drie weken. De vorige keer kon een halve dag niemand inloggen nadat het verlopen was.",
          "Upload het nieuwe certificaat eerst als tweede certificaat in Nordlicht, naast het huidige. Wissel daarna in de identity provider van certificaat. Omdat Nordlicht beide vertrouwt, merken gebruikers niets. Verwijder het oude certificaat als alles werkt.",
          "Zet de vervaldatum van het certificaat ook in de monitoring. Wij krijgen dertig dagen van tevoren een melding, zodat het niet meer op een vrijdagmiddag misgaat.",
        ],
      ],
    },
    en: {
      topic: "single sign-on with Entra ID",
      why: "With single sign-on people log in with their existing work account, and their access disappears automatically when they leave. By mapping Entra ID or Okta groups to Nordlicht roles, nobody has to maintain permissions by hand any more.",
      tips: [
        "Map roles to groups from the identity provider, never to individual accounts.",
        "Keep one break-glass account with local login, well protected and documented.",
        "Check which claim carries the groups and set `groups_claim` accordingly.",
        "Test with a user without admin rights; admins tend to have access everywhere.",
        "Agree on who manages the groups, so that requests do not pile up with the data team.",
      ],
      pitfalls: [
        "Users in more than 200 groups, so the token no longer contains any groups.",
        "An expired signing certificate at the identity provider.",
        "Local accounts that stay active after SSO has been introduced.",
      ],
      problems: [
        [
          "Why do some users get no role at all after signing in with SSO",
          "Most colleagues get the `analyst` role after signing in, but a few managers arrive without any permissions. They are in the right group.",
          "For users in many groups Entra ID sends an overage indicator instead of the groups in the token. Limit the claim to groups assigned to the application, or set `groups_source: graph` so Nordlicht fetches the groups itself.",
          "We set 'Groups assigned to the application' in Entra ID. The token then only contains the handful of groups relevant to Nordlicht, and the problem disappeared immediately.",
        ],
        [
          "How do I replace our SAML signing certificate without downtime",
          "The certificate of our SAML integration expires in three weeks. Last time nobody could log in for half a day after it expired.",
          "Upload the new certificate to Nordlicht first, as a second certificate next to the current one. Then switch certificates in the identity provider. Because Nordlicht trusts both, users notice nothing. Remove the old certificate once everything works.",
          "Add the certificate expiry date to your monitoring as well. We get a warning thirty days in advance, so it no longer goes wrong on a Friday afternoon.",
        ],
      ],
    },
  },
  {
    tags: ["api", "security", "python"],
    inline: "Authorization: Bearer",
    doc: "api/authentication",
    cx: "01347",
    err: ['HTTP 403 Forbidden\n{"error": "insufficient_scope", "required": "pipelines:run"}', null],
    code: {
      lang: "python",
      text: `
import os
import requests

resp = requests.get(
    "https://api.nordlicht.example/v2/runs",
    headers={"Authorization": f"Bearer {os.environ['NORDLICHT_TOKEN']}"},
    params={"status": "failed", "page_size": 50},
    timeout=30,
)
resp.raise_for_status()`,
    },
    nl: {
      topic: "API-tokens en de REST API",
      why: "Met de REST API automatiseer je wat je anders in de interface doet: pipelines starten, runs opvragen, gebruikers beheren. Goed tokenbeheer is daarbij net zo belangrijk als de code zelf, want een uitgelekt token met te veel rechten is een open deur.",
      tips: [
        "Maak per toepassing een apart token met alleen de scopes die nodig zijn.",
        "Bewaar tokens in een secret manager, nooit in een notebook of een Git-repository.",
        "Geef tokens een vervaldatum en roteer ze automatisch.",
        "Respecteer de rate limits en gebruik de `Retry-After`-header bij een 429.",
        "Gebruik paginering in plaats van grote `page_size`-waarden.",
      ],
      pitfalls: [
        "Een persoonlijk token in een script dat op een server draait.",
        "Tokens met beheerrechten voor een toepassing die alleen hoeft te lezen.",
        "Geen time-out op requests, waardoor een script eindeloos blijft hangen.",
      ],
      problems: [
        [
          "Waarom krijg ik een 403 terwijl mijn API-token geldig is",
          "Met mijn token kan ik pipelines opvragen, maar het starten van een run geeft een 403. Het token is gisteren aangemaakt.",
          "Het token is geldig, maar mist de scope `pipelines:run`. Tokens krijgen standaard alleen leesrechten. Maak een nieuw token aan met de extra scope; bestaande tokens kun je niet uitbreiden, en dat is bewust zo.",
          "Overweeg om voor het starten van runs een apart token te gebruiken en het leestoken te laten zoals het is. Dan blijft de schade beperkt als een van beide uitlekt.",
        ],
        [
          "Hoe ga ik om met 429-fouten als ik veel runs via de API opvraag",
          "Een script dat de status van al onze runs ophaalt, krijgt na een paar honderd requests een 429 en stopt dan.",
          "De API geeft bij een 429 een `Retry-After`-header mee. Wacht zoveel seconden en probeer het opnieuw. Gebruik daarnaast paginering en filter op status of datum, zodat je minder requests nodig hebt.",
          "Voor dit soort overzichten is de API vaak niet de handigste weg. De tabel `system.pipeline_runs` in het warehouse bevat dezelfde informatie, en die kun je gewoon met SQL bevragen.",
        ],
      ],
    },
    en: {
      topic: "API tokens and the REST API",
      why: "The REST API automates what you would otherwise do in the interface: starting pipelines, checking runs, managing users. Good token hygiene matters as much as the code itself, because a leaked token with too many rights is an open door.",
      tips: [
        "Create a separate token per application with only the scopes it needs.",
        "Keep tokens in a secret manager, never in a notebook or a Git repository.",
        "Give tokens an expiry date and rotate them automatically.",
        "Respect the rate limits and honour the `Retry-After` header on a 429.",
        "Use pagination instead of huge `page_size` values.",
      ],
      pitfalls: [
        "A personal token inside a script that runs on a server.",
        "Admin tokens for an application that only needs to read.",
        "No timeout on requests, so a script hangs forever.",
      ],
      problems: [
        [
          "Why do I get a 403 although my API token is valid",
          "My token can list pipelines, but starting a run returns a 403. The token was created yesterday.",
          "The token is valid but lacks the `pipelines:run` scope. Tokens get read access by default. Create a new token with the extra scope; existing tokens cannot be extended, which is deliberate.",
          "Consider a separate token for starting runs and leave the read token as it is. That limits the damage if either of them leaks.",
        ],
        [
          "How should I handle 429 errors when fetching many runs through the API",
          "A script that collects the status of all our runs gets a 429 after a few hundred requests and then stops.",
          "On a 429 the API returns a `Retry-After` header. Wait that many seconds and try again. Also use pagination and filter on status or date, so you need fewer requests.",
          "For overviews like this the API is often not the easiest route. The `system.pipeline_runs` table in the warehouse holds the same information, and you can simply query it with SQL.",
        ],
      ],
    },
  },
  {
    tags: ["data-quality", "pipelines"],
    inline: "on_fail: block_downstream",
    doc: "quality/checks",
    cx: "012467",
    err: [null, "CHECK FAILED unique(shipment_id) on mart.shipments: 312 duplicates\naction=warn"],
    code: {
      lang: "yaml",
      text: `
checks:
  - table: mart.shipments
    not_null: [shipment_id, depot]
    unique: [shipment_id]
    freshness: { column: shipped_at, max_age: 6h }
    row_count: { method: seasonal, tolerance: 30% }
on_fail: block_downstream`,
    },
    nl: {
      topic: "geautomatiseerde datakwaliteitscontroles",
      why: "Gebruikers ontdekken slechte data meestal op het slechtste moment: tijdens de MT-vergadering. Met geautomatiseerde controles op volledigheid, uniciteit en versheid vang je de meeste problemen af voordat ze in een dashboard belanden.",
      tips: [
        "Begin met de basis: niet-leeg, uniek en vers. Die drie vangen het grootste deel van de fouten af.",
        "Laat een gefaalde controle downstream-stappen blokkeren met `on_fail: block_downstream`.",
        "Geef elke controle een eigenaar die de melding krijgt en weet wat te doen.",
        "Controleer aantallen tegen een bandbreedte op basis van de afgelopen weken.",
        "Toon de status van de controles in het dashboard zelf, zodat gebruikers weten wat ze zien.",
      ],
      pitfalls: [
        "Honderden controles die allemaal waarschuwen, zodat niemand ze nog leest.",
        "Controles die alleen in productie draaien en niet bij een wijziging in ontwikkeling.",
        "Een versheidscontrole op laadtijd in plaats van op de tijdstempels in de brondata.",
      ],
      problems: [
        [
          "Hoe voorkom ik dat onze datakwaliteitscontroles steeds vals alarm geven",
          "Onze `row_count`-controle op zendingen gaat elke maandag af, omdat er in het weekend minder wordt verstuurd. Het team negeert de meldingen inmiddels.",
          "Gebruik geen vaste ondergrens, maar een bandbreedte per weekdag op basis van de afgelopen weken, bijvoorbeeld `row_count: { method: seasonal, tolerance: 30% }`. Dan wordt een rustige maandag niet meer als fout gezien.",
          "Maak ook onderscheid tussen waarschuwingen en blokkerende fouten. Alleen wat echt actie vraagt, moet een melding opleveren; de rest kan in een wekelijks overzicht.",
        ],
        [
          "Waarom blokkeert een gefaalde controle niet de rest van de pipeline",
          "Een uniciteitscontrole op `shipment_id` faalt, maar de marts en dashboards worden gewoon ververst, inclusief de dubbele rijen.",
          "De actie staat op `warn`. Zet `on_fail: block_downstream` op deze controle, dan worden afhankelijke stappen overgeslagen en blijft de vorige, correcte versie van de marts staan.",
          "Denk wel na over de communicatie: als je blokkeert, zien gebruikers data van gisteren. Wij tonen dan een banner op de dashboards met de reden, zodat niemand denkt dat het cijfer actueel is.",
        ],
      ],
    },
    en: {
      topic: "automated data quality checks",
      why: "Users usually discover bad data at the worst possible moment: during the board meeting. Automated checks on completeness, uniqueness and freshness catch most problems before they reach a dashboard.",
      tips: [
        "Start with the basics: not null, unique and fresh. Those three catch most errors.",
        "Let a failed check block downstream steps with `on_fail: block_downstream`.",
        "Give every check an owner who gets the alert and knows what to do.",
        "Check row counts against a band based on the past few weeks.",
        "Show the status of the checks on the dashboard itself, so users know what they are looking at.",
      ],
      pitfalls: [
        "Hundreds of checks that all warn, so nobody reads them any more.",
        "Checks that run only in production and not when something changes in development.",
        "A freshness check on load time rather than on the timestamps in the source data.",
      ],
      problems: [
        [
          "How do I stop our data quality checks from raising false alarms",
          "Our `row_count` check on shipments fires every Monday because fewer parcels are shipped at the weekend. The team has started ignoring the alerts.",
          "Do not use a fixed lower bound; use a band per weekday based on recent weeks, for example `row_count: { method: seasonal, tolerance: 30% }`. A quiet Monday is then no longer treated as an error.",
          "Also separate warnings from blocking errors. Only what really needs action should trigger an alert; the rest can go into a weekly summary.",
        ],
        [
          "Why does a failed check not block the rest of the pipeline",
          "A uniqueness check on `shipment_id` fails, yet the marts and dashboards are refreshed anyway, duplicates included.",
          "The action is set to `warn`. Set `on_fail: block_downstream` on this check, so dependent steps are skipped and the previous, correct version of the marts stays in place.",
          "Think about communication, though: when you block, users see yesterday's data. We show a banner on the dashboards with the reason, so nobody assumes the figure is current.",
        ],
      ],
    },
  },
  {
    tags: ["governance", "data-quality"],
    inline: "owner: team-finance",
    doc: "governance/catalog",
    cx: "0145",
    err: [null, null],
    nl: {
      topic: "data-eigenaarschap en de catalogus",
      why: "Zodra meer dan een handvol teams met dezelfde data werkt, wordt de vraag 'van wie is deze tabel?' belangrijker dan welke technische keuze ook. Een catalogus met eigenaren, beschrijvingen en definities voorkomt dat het datateam het antwoordapparaat van de organisatie wordt.",
      tips: [
        "Wijs per dataset een eigenaar uit de business aan, niet alleen een technisch beheerder.",
        "Leg eigenaarschap vast als metadata, bijvoorbeeld `owner: team-finance`, zodat het doorzoekbaar is.",
        "Begin met de twintig meest gebruikte tabellen in plaats van alles in één keer.",
        "Laat de catalogus automatisch vullen vanuit de pipelines en vul alleen de context handmatig aan.",
        "Plan elk kwartaal een korte controle of beschrijvingen en eigenaren nog kloppen.",
      ],
      pitfalls: [
        "Eigenaren die allang vertrokken zijn, maar nog in de catalogus staan.",
        "Een catalogus die een apart project wordt in plaats van deel van het dagelijkse werk.",
        "Beschrijvingen die alleen herhalen wat de kolomnaam al zegt.",
      ],
      problems: [
        [
          "Hoe krijgen we business-eigenaren zover dat ze hun datasets echt beheren",
          "We hebben voor alle belangrijke datasets een eigenaar aangewezen, maar na een half jaar zijn de meeste beschrijvingen nog leeg en reageert bijna niemand op vragen.",
          "Maak het eigenaarschap concreet en klein: twee of drie taken per kwartaal, zoals het goedkeuren van definities en toegangsaanvragen. Laat de catalogus meldingen sturen bij vragen, zodat eigenaren niet zelf hoeven te gaan kijken.",
          "Bij ons hielp het om het in de jaargesprekken op te nemen en het eerste jaar een datasteward per directie te ondersteunen. Zonder mandaat van bovenaf blijft het vrijblijvend.",
        ],
        [
          "Waarom verdwijnen onze handmatige beschrijvingen na een nieuwe deploy",
          "Kolombeschrijvingen die we in de catalogus hebben ingevuld, zijn na de deploy van een nieuwe pipelineversie weer leeg.",
          "De pipeline overschrijft de metadata met wat in de code staat. Zet beschrijvingen in de pipelinedefinitie zelf, bijvoorbeeld in je dbt- of YAML-bestanden, of zet `catalog.sync: merge` zodat handmatige aanvullingen behouden blijven.",
          "Wij kiezen bewust voor 'code is de bron': beschrijvingen staan in Git en gaan mee in de review. Business-eigenaren kunnen via een eenvoudig formulier een wijziging voorstellen.",
        ],
      ],
    },
    en: {
      topic: "data ownership and the catalogue",
      why: "As soon as more than a handful of teams work with the same data, the question 'who owns this table?' matters more than any technical choice. A catalogue with owners, descriptions and definitions stops the data team from becoming the organisation's answering machine.",
      tips: [
        "Appoint a business owner per dataset, not just a technical maintainer.",
        "Record ownership as metadata, for example `owner: team-finance`, so it is searchable.",
        "Start with the twenty most-used tables rather than everything at once.",
        "Let the catalogue fill itself from the pipelines and add only the context by hand.",
        "Schedule a short quarterly check that descriptions and owners are still correct.",
      ],
      pitfalls: [
        "Owners who left long ago but still appear in the catalogue.",
        "A catalogue that becomes a separate project instead of part of everyday work.",
        "Descriptions that merely repeat the column name.",
      ],
      problems: [
        [
          "How do we get business owners to actually look after their datasets",
          "We assigned an owner to every important dataset, but after six months most descriptions are still empty and hardly anyone responds to questions.",
          "Make ownership concrete and small: two or three tasks per quarter, such as approving definitions and access requests. Let the catalogue send notifications for questions, so owners do not have to go looking.",
          "What helped us was including it in annual reviews and supporting one data steward per directorate in the first year. Without a mandate from the top it stays optional.",
        ],
        [
          "Why do our manual descriptions disappear after a new deploy",
          "Column descriptions we entered in the catalogue are empty again after deploying a new pipeline version.",
          "The pipeline overwrites the metadata with what is in the code. Put descriptions in the pipeline definition itself, for example in your dbt or YAML files, or set `catalog.sync: merge` so manual additions are kept.",
          "We deliberately chose 'code is the source': descriptions live in Git and go through review. Business owners can propose a change through a simple form.",
        ],
      ],
    },
  },
  {
    tags: ["gdpr", "security", "sql"],
    inline: "SHA2()",
    doc: "privacy/pseudonymisation",
    cx: "0124",
    err: [null, null],
    code: {
      lang: "sql",
      text: `
CREATE VIEW mart.patients_pseudo AS
SELECT SHA2(CONCAT(p.bsn, k.salt), 256) AS patient_key,
       YEAR(p.birth_date)               AS birth_year,
       LEFT(p.postcode, 4)              AS postcode_area,
       p.campus_id
FROM raw.patients p
CROSS JOIN secure.pseudo_key k;`,
    },
    nl: {
      topic: "AVG-proof pseudonimiseren",
      why: "Voor analyses heb je zelden namen of BSN's nodig, maar wel de vraag hoeveel patiënten of klanten iets overkomt. Door te pseudonimiseren aan de rand van het warehouse werken analisten met bruikbare data, zonder dat persoonsgegevens verder reizen dan nodig.",
      tips: [
        "Pseudonimiseer zo vroeg mogelijk, liefst al in de eerste laag na de bron.",
        "Gebruik een hash met een geheime salt, zoals `SHA2()` over de sleutel plus salt, en bewaar die salt apart.",
        "Verminder herleidbaarheid: geboortejaar in plaats van geboortedatum, vier cijfers van de postcode.",
        "Leg bewaartermijnen vast per tabel en laat een job oude data automatisch verwijderen.",
        "Documenteer per dataset de grondslag en het doel, samen met je FG of DPO.",
      ],
      pitfalls: [
        "Een hash zonder salt, die met een lijst van alle mogelijke BSN's terug te rekenen is.",
        "Kleine groepen in rapportages, waardoor individuen toch herkenbaar worden.",
        "Ruwe kopieën van brondata in een sandbox die nooit wordt opgeruimd.",
      ],
      problems: [
        [
          "Is een SHA-256-hash van het BSN voldoende om van pseudonimisering te spreken",
          "We willen patiëntdata koppelen tussen twee systemen en vervangen het BSN door `SHA2(bsn, 256)`. Onze FG twijfelt of dat genoeg is.",
          "Zonder salt niet: een BSN heeft maar negen cijfers, dus alle mogelijke hashes zijn in korte tijd te berekenen. Gebruik een geheime salt of een HMAC met een sleutel die alleen het datateam beheert, en bewaar die sleutel in de secret manager, niet in het warehouse.",
          "Kijk ook naar de rest van de rij. Met geboortedatum, geslacht en volledige postcode is iemand vaak alsnog te herleiden, ook als het BSN perfect gepseudonimiseerd is.",
        ],
        [
          "Hoe verwijder ik automatisch data waarvan de bewaartermijn is verstreken",
          "Onze bewaartermijn voor bezoekersgegevens is zeven jaar, maar in het warehouse staat data vanaf 2011. We willen dat structureel en aantoonbaar oplossen.",
          "Leg de termijn vast als tabeleigenschap, bijvoorbeeld `retention: 7y on visit_date`, en laat de ingebouwde retentiejob dagelijks opschonen. De job schrijft een logregel per tabel, zodat je kunt aantonen wat wanneer is verwijderd.",
          "Vergeet de back-ups niet: als die langer bewaard blijven dan de termijn, staat de data daar nog. Stem de retentie van back-ups af op je langste bewaartermijn en leg dat vast in het verwerkingsregister.",
        ],
      ],
    },
    en: {
      topic: "GDPR-proof pseudonymisation",
      why: "Analyses rarely need names or national ID numbers, but they do need to know how many patients or customers something happens to. Pseudonymising at the edge of the warehouse gives analysts usable data without personal data travelling further than necessary.",
      tips: [
        "Pseudonymise as early as possible, ideally in the first layer after the source.",
        "Use a hash with a secret salt, such as `SHA2()` over the key plus salt, and store the salt separately.",
        "Reduce identifiability: birth year instead of birth date, postcode area instead of full postcode.",
        "Define retention periods per table and let a job delete old data automatically.",
        "Document the legal basis and purpose per dataset together with your DPO.",
      ],
      pitfalls: [
        "An unsalted hash that can be reversed with a list of all possible ID numbers.",
        "Small groups in reports that make individuals recognisable after all.",
        "Raw copies of source data in a sandbox that is never cleaned up.",
      ],
      problems: [
        [
          "Is a SHA-256 hash of the national ID number enough to count as pseudonymisation",
          "We want to link patient data between two systems and replace the ID number with `SHA2(bsn, 256)`. Our DPO doubts whether that is sufficient.",
          "Not without a salt: the ID number has only nine digits, so every possible hash can be computed quickly. Use a secret salt or an HMAC with a key only the data team controls, and keep that key in the secret manager, not in the warehouse.",
          "Look at the rest of the row too. With birth date, gender and full postcode a person can often be re-identified, even if the ID number is perfectly pseudonymised.",
        ],
        [
          "How do I automatically delete data whose retention period has expired",
          "Our retention period for visitor data is seven years, yet the warehouse holds data from 2011. We want a structural fix that we can demonstrate to auditors.",
          "Record the period as a table property, for example `retention: 7y on visit_date`, and let the built-in retention job clean up daily. The job writes a log line per table, so you can show what was removed and when.",
          "Do not forget the backups: if they are kept longer than the retention period, the data is still there. Align backup retention with your longest retention period and record it in your register of processing activities.",
        ],
      ],
    },
  },
  {
    tags: ["open-data", "api", "dashboards"],
    inline: "license: CC-BY-4.0",
    doc: "publishing/open-data",
    cx: "0157",
    err: [null, null],
    code: {
      lang: "yaml",
      text: `
publish:
  dataset: afvalinzameling_per_wijk
  source: mart.waste_collection_district
  license: CC-BY-4.0
  formats: [csv, json, parquet]
  refresh: daily
  min_cell_size: 5
  dcat:
    update_modified: true`,
    },
    nl: {
      topic: "het publiceren van open data",
      why: "Gemeenten en andere overheden publiceren steeds meer data openbaar, van afvalinzameling tot verkeerstellingen. Als je dat rechtstreeks vanuit het warehouse doet, met een vaste licentie en een voorspelbare verversing, blijft de open data actueel zonder handwerk.",
      tips: [
        "Publiceer vanuit een aparte, gecontroleerde laag, nooit rechtstreeks uit ruwe tabellen.",
        "Kies één licentie voor alles, bijvoorbeeld `license: CC-BY-4.0`, en vermeld die bij elke dataset.",
        "Bied minstens CSV en JSON aan; ontwikkelaars en journalisten hebben andere wensen.",
        "Beschrijf elke kolom in gewone taal, inclusief eenheden en peildatum.",
        "Houd bij welke datasets het meest worden opgehaald en vraag gebruikers om feedback.",
      ],
      pitfalls: [
        "Kleine aantallen per buurt die tot herleidbare personen leiden.",
        "Kolomnamen uit het bronsysteem die buiten de organisatie niemand begrijpt.",
        "Een URL die bij elke nieuwe versie verandert, waardoor koppelingen breken.",
      ],
      problems: [
        [
          "Waarom staat onze open dataset op het landelijke portaal nog op de versie van vorige week",
          "De dataset `afvalinzameling_per_wijk` zou dagelijks moeten verversen, maar het landelijke portaal toont nog de data van vorige week.",
          "Het portaal haalt de metadata via de DCAT-feed op, meestal één keer per week. Controleer of `modified` in de feed wel wordt bijgewerkt bij elke refresh; zo niet, zet dan `dcat.update_modified: true` in de publicatieconfiguratie.",
          "Verwijs op het portaal naar de vaste downloadlink in plaats van een kopie te uploaden. Dan krijgen gebruikers altijd de actuele versie, ongeacht wanneer het portaal de metadata ophaalt.",
        ],
        [
          "Hoe voorkom ik dat kleine aantallen in open data tot personen herleidbaar zijn",
          "We willen meldingen in de openbare ruimte per buurt publiceren. In sommige buurten gaat het om twee of drie meldingen per maand, en we twijfelen of dat kan.",
          "Gebruik een minimale celgrootte: toon aantallen onder de vijf niet exact, of voeg kleine buurten samen tot wijkniveau. Leg die regel vast in de publicatiestap met `min_cell_size: 5`, zodat hij voor elke verversing geldt.",
          "Bespreek de dataset vooraf met je privacy officer. Bij ons bleek vooral de combinatie van buurt, datum en meldingstype herleidbaar; publiceren per maand in plaats van per dag was voldoende.",
        ],
      ],
    },
    en: {
      topic: "open data publication",
      why: "Municipalities and other public bodies publish more and more data openly, from waste collection to traffic counts. Doing that straight from the warehouse, with a fixed licence and a predictable refresh, keeps open data current without manual work.",
      tips: [
        "Publish from a separate, controlled layer, never directly from raw tables.",
        "Choose one licence for everything, for example `license: CC-BY-4.0`, and state it on every dataset.",
        "Offer at least CSV and JSON; developers and journalists have different needs.",
        "Describe each column in plain language, including units and the reference date.",
        "Track which datasets are downloaded most and ask users for feedback.",
      ],
      pitfalls: [
        "Small counts per neighbourhood that make individuals identifiable.",
        "Column names from the source system that nobody outside the organisation understands.",
        "A URL that changes with every new version, breaking everyone's links.",
      ],
      problems: [
        [
          "Why does the national portal still show last week's version of our open dataset",
          "The dataset `afvalinzameling_per_wijk` should refresh daily, but the national portal still shows last week's data.",
          "The portal harvests metadata through the DCAT feed, usually once a week. Check that `modified` in the feed is updated on every refresh; if not, set `dcat.update_modified: true` in the publication config.",
          "Link the portal to the stable download URL instead of uploading a copy. Users then always get the current version, regardless of when the portal harvests the metadata.",
        ],
        [
          "How do I keep small counts in open data from identifying individuals",
          "We want to publish public-space reports per neighbourhood. Some neighbourhoods have only two or three reports a month, and we are not sure that is acceptable.",
          "Use a minimum cell size: do not show exact counts below five, or merge small neighbourhoods into districts. Put the rule in the publication step with `min_cell_size: 5`, so it applies to every refresh.",
          "Review the dataset with your privacy officer first. For us the real risk was the combination of neighbourhood, date and report type; publishing per month instead of per day was enough.",
        ],
      ],
    },
  },
  {
    tags: ["kubernetes", "monitoring"],
    inline: "kubectl describe pod",
    doc: "self-hosted/kubernetes",
    cx: "1267",
    err: [
      "worker-7c9f8   0/1   CrashLoopBackOff\nLast State:  Terminated\n  Reason:    OOMKilled\n  Exit Code: 137",
      null,
    ],
    code: {
      lang: "yaml",
      text: `
worker:
  replicas: 3
  concurrency: 4
  drain_on_shutdown: true
  resources:
    requests: { cpu: "1", memory: 4Gi }
    limits: { memory: 6Gi }
metrics:
  serviceMonitor:
    enabled: true`,
    },
    nl: {
      topic: "Nordlicht op Kubernetes",
      why: "Wie Nordlicht zelf host, doet dat meestal op Kubernetes. De Helm-chart maakt de installatie eenvoudig, maar resources, opslag en monitoring bepalen of de workers stabiel blijven draaien als de nachtelijke loads op gang komen.",
      tips: [
        "Zet voor elke worker `requests` en `limits`, met een geheugenlimiet ruim boven het gemiddelde gebruik.",
        "Gebruik een aparte node pool voor workers, zodat zware loads de API niet verdringen.",
        "Zet de ServiceMonitor aan en verzamel metrics met Prometheus.",
        "Gebruik persistente volumes met snapshots voor de metadata-database.",
        "Test upgrades van de Helm-chart eerst op een kopie van de productieconfiguratie.",
      ],
      pitfalls: [
        "Geen geheugenlimiet, waardoor één worker een hele node onderuit haalt.",
        "Logs die alleen in de pod staan en bij een herstart verdwijnen.",
        "Een `latest`-tag op images, waardoor niemand weet welke versie er draait.",
      ],
      problems: [
        [
          "Waarom worden onze Nordlicht-workers steeds herstart tijdens grote loads",
          "Tijdens de nachtelijke load zien we dat workers opnieuw starten. In de pipeline-log staat alleen dat de verbinding met de worker is verbroken.",
          "`OOMKilled` met exit code 137 betekent dat de pod over zijn geheugenlimiet ging. Verhoog `resources.limits.memory` van de workers, of verlaag `worker.concurrency`, zodat er minder taken tegelijk in één pod draaien.",
          "Kijk in Prometheus naar het geheugengebruik per taak. Bij ons was het één pipeline met een enorme join die al het geheugen opslokte; die hebben we naar een eigen workerpool met meer geheugen verplaatst.",
        ],
        [
          "Hoe upgrade ik de Helm-chart zonder dat lopende pipelines afbreken",
          "Bij de vorige upgrade van de chart werden alle workers tegelijk vervangen en faalden drie pipelines die op dat moment draaiden.",
          "Zet een `PodDisruptionBudget` en `worker.drain_on_shutdown: true`. Workers ronden dan hun lopende taak af voordat ze stoppen. Plan de upgrade bovendien buiten het venster van de nachtelijke loads.",
          "Wij doen upgrades met `helm upgrade --atomic --timeout 20m`. Als er iets misgaat, rolt Helm automatisch terug naar de vorige versie.",
        ],
      ],
    },
    en: {
      topic: "Kubernetes deployments",
      why: "Self-hosting Nordlicht usually means running it on Kubernetes. The Helm chart makes installation easy, but resources, storage and monitoring decide whether the workers stay stable once the nightly loads kick in.",
      tips: [
        "Set `requests` and `limits` for every worker, with the memory limit well above average usage.",
        "Use a separate node pool for workers so heavy loads do not starve the API.",
        "Enable the ServiceMonitor and collect metrics with Prometheus.",
        "Use persistent volumes with snapshots for the metadata database.",
        "Test Helm chart upgrades on a copy of the production configuration first.",
      ],
      pitfalls: [
        "No memory limit, so one worker can take down a whole node.",
        "Logs that live only inside the pod and disappear on restart.",
        "A `latest` image tag, so nobody knows which version is running.",
      ],
      problems: [
        [
          "Why do our Nordlicht workers keep restarting during large loads",
          "During the nightly load workers restart. The pipeline log only says that the connection to the worker was lost.",
          "`OOMKilled` with exit code 137 means the pod exceeded its memory limit. Raise `resources.limits.memory` for the workers, or lower `worker.concurrency` so fewer tasks run in one pod at the same time.",
          "Look at memory usage per task in Prometheus. For us it was one pipeline with an enormous join eating all the memory; we moved it to its own worker pool with more memory.",
        ],
        [
          "How do I upgrade the Helm chart without breaking running pipelines",
          "During the last chart upgrade all workers were replaced at once, and three pipelines that were running at the time failed.",
          "Set a `PodDisruptionBudget` and `worker.drain_on_shutdown: true`. Workers then finish their current task before stopping. Also schedule the upgrade outside the nightly load window.",
          "We run upgrades with `helm upgrade --atomic --timeout 20m`. If anything goes wrong, Helm rolls back to the previous release automatically.",
        ],
      ],
    },
  },
  {
    tags: ["machine-learning", "python", "dashboards"],
    inline: "to_pandas()",
    doc: "python/machine-learning",
    cx: "01346",
    err: [null, "PermissionError: role 'analyst' cannot write to schema 'mart'"],
    code: {
      lang: "python",
      text: `
from nordlicht import Client
from sklearn.ensemble import GradientBoostingRegressor

FEATURES = ["weekday", "week", "is_holiday", "depot_id"]
client = Client.from_env()
df = client.query("SELECT * FROM mart.daily_volume").to_pandas()
model = GradientBoostingRegressor().fit(df[FEATURES], df["parcels"])`,
    },
    nl: {
      topic: "voorspellen met machine learning",
      why: "Hoeveel pakketten komen er volgende week binnen, en hoeveel bedden zijn er over tien dagen bezet? Met de Python-SDK haal je historische data rechtstreeks uit het warehouse, train je een model en schrijf je de voorspelling terug, zodat die gewoon in een dashboard verschijnt.",
      tips: [
        "Begin met een eenvoudige baseline, zoals dezelfde week vorig jaar, en meet of je model die verslaat.",
        "Haal data op met `to_pandas()` op een mart, niet op ruwe tabellen.",
        "Schrijf voorspellingen terug naar een aparte tabel, met modelversie en trainingsdatum.",
        "Toon in het dashboard altijd een bandbreedte, niet alleen één getal.",
        "Hertrain op een vast ritme en monitor de afwijking tussen voorspelling en werkelijkheid.",
      ],
      pitfalls: [
        "Feestdagen en schoolvakanties vergeten als kenmerk.",
        "Testen op willekeurige rijen in plaats van op een latere periode, waardoor het model te goed lijkt.",
        "Een model dat alleen op de laptop van één data scientist draait.",
      ],
      problems: [
        [
          "Waarom presteert ons voorspelmodel in productie veel slechter dan in de test",
          "In de test had ons model voor pakketvolumes een fout van 4%. Sinds het in productie draait, zitten we er regelmatig 20% naast.",
          "Waarschijnlijk heb je met een willekeurige split getest, waardoor het model stukjes toekomst heeft gezien. Test met een tijdgebaseerde split: train tot een bepaalde datum en voorspel de weken daarna. Controleer ook of alle kenmerken op het moment van voorspellen al beschikbaar zijn.",
          "Kijk ook naar feestdagen. Ons model zat er vooral rond Pasen en Hemelvaart flink naast; met een kenmerk voor feestdagen en schoolvakanties halveerde de fout.",
        ],
        [
          "Hoe schrijf ik voorspellingen vanuit Python terug naar het warehouse",
          "Ik heb een model getraind in een notebook en wil de voorspellingen per dag en depot in een tabel zetten, zodat ze in een dashboard komen.",
          'Gebruik `client.write_table("ml.parcel_forecast", df, mode="replace")` uit de SDK. Schrijf naar een eigen schema zoals `ml`, niet naar `mart`: de rol `analyst` heeft daar bewust geen schrijfrechten. Vraag een beheerder om schrijfrechten op `ml`.',
          "Zet het notebook daarna om naar een geplande Python-taak in Nordlicht. Zo draait de voorspelling elke nacht na de load, en niet alleen als iemand eraan denkt.",
        ],
      ],
    },
    en: {
      topic: "forecasting with machine learning",
      why: "How many parcels will arrive next week, and how many beds will be occupied in ten days? The Python SDK lets you pull historical data straight from the warehouse, train a model and write the forecast back, so it simply shows up on a dashboard.",
      tips: [
        "Start with a simple baseline, such as the same week last year, and measure whether your model beats it.",
        "Fetch data with `to_pandas()` from a mart, not from raw tables.",
        "Write forecasts back to a separate table with the model version and training date.",
        "Always show a range on the dashboard, not just a single number.",
        "Retrain on a fixed schedule and monitor the gap between forecast and reality.",
      ],
      pitfalls: [
        "Forgetting public and school holidays as features.",
        "Testing on random rows instead of a later period, which makes the model look too good.",
        "A model that only runs on one data scientist's laptop.",
      ],
      problems: [
        [
          "Why does our forecasting model perform much worse in production than in testing",
          "In testing our parcel volume model had a 4% error. Since it went into production we are regularly 20% off.",
          "You probably tested with a random split, so the model saw bits of the future. Test with a time-based split: train up to a certain date and predict the weeks after it. Also check that every feature is actually available at prediction time.",
          "Look at holidays too. Our model was far off around Easter and Ascension Day; adding a feature for public and school holidays halved the error.",
        ],
        [
          "How do I write forecasts from Python back into the warehouse",
          "I trained a model in a notebook and want to store the forecasts per day and depot in a table so they appear on a dashboard.",
          'Use `client.write_table("ml.parcel_forecast", df, mode="replace")` from the SDK. Write to a schema of your own such as `ml`, not to `mart`: the `analyst` role deliberately has no write access there. Ask an admin for write access to `ml`.',
          "Then turn the notebook into a scheduled Python task in Nordlicht. The forecast then runs every night after the load, not only when someone remembers.",
        ],
      ],
    },
  },
  {
    tags: ["dbt", "sql", "pipelines"],
    inline: "dbt build --select",
    doc: "integrations/dbt",
    cx: "01245",
    err: [null, "Runtime Error\n  --state requires a path to a manifest.json from a previous run"],
    code: {
      lang: "sql",
      text: `
-- models/marts/fct_deliveries.sql
{{ config(materialized='incremental', unique_key='delivery_id') }}

select * from {{ ref('stg_deliveries') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}`,
    },
    nl: {
      topic: "dbt-projecten",
      why: "Veel teams schrijven hun transformaties in dbt: SQL in Git, met tests en documentatie. Nordlicht kan dbt-projecten rechtstreeks draaien, zodat de modellen in dezelfde planning meelopen als de pipelines die de brondata aanleveren.",
      tips: [
        "Houd een vaste laagindeling aan: staging, intermediate en marts.",
        "Gebruik incrementele modellen voor grote feitentabellen, altijd met een `unique_key`.",
        "Draai in CI alleen wat gewijzigd is, met `dbt build --select state:modified+`.",
        "Zet de dbt-tests naast de modellen, zodat ze samen evolueren.",
        "Laat de dbt-run starten zodra de bronpipelines klaar zijn, niet op een vaste tijd.",
      ],
      pitfalls: [
        "Businesslogica in staging-modellen, waardoor die niet meer herbruikbaar zijn.",
        "Incrementele modellen zonder af en toe een volledige refresh.",
        "Een `profiles.yml` met wachtwoorden in de repository.",
      ],
      problems: [
        [
          "Waarom krijgt ons incrementele dbt-model dubbele rijen",
          "Het model `fct_deliveries` is incrementeel. Na een paar weken zien we leveringen die twee of drie keer voorkomen.",
          "Zonder `unique_key` voegt dbt bij elke run alleen rijen toe. Zet `unique_key='delivery_id'` in de config, dan gebruikt dbt een merge. De bestaande dubbelingen ruim je op met één keer `dbt run --full-refresh --select fct_deliveries`.",
          "Voeg ook een `unique`-test toe op `delivery_id`. Dan faalt de build de eerste keer dat het misgaat, in plaats van dat iemand het weken later in een rapport ontdekt.",
        ],
        [
          "Hoe draai ik alleen de gewijzigde dbt-modellen in onze CI-pipeline",
          "Onze CI draait bij elke pull request het hele dbt-project, wat bijna veertig minuten duurt. We willen alleen de gewijzigde modellen testen en wat daarvan afhangt.",
          "Gebruik `dbt build --select state:modified+ --state ./prod-artifacts` en zorg dat de CI het `manifest.json` van de laatste productierun ophaalt. Nordlicht bewaart dat artefact per run; je kunt het via de API downloaden.",
          "Combineer het met `--defer`, zodat ongewijzigde modellen uit productie worden gelezen in plaats van opnieuw gebouwd. Bij ons ging de CI daarmee van veertig naar zes minuten.",
        ],
      ],
    },
    en: {
      topic: "dbt projects",
      why: "Many teams write their transformations in dbt: SQL in Git, with tests and documentation. Nordlicht can run dbt projects directly, so the models follow the same schedule as the pipelines that deliver the source data.",
      tips: [
        "Stick to a fixed layering: staging, intermediate and marts.",
        "Use incremental models for large fact tables, always with a `unique_key`.",
        "In CI, run only what changed with `dbt build --select state:modified+`.",
        "Keep dbt tests next to the models so they evolve together.",
        "Start the dbt run when the source pipelines finish, not at a fixed time.",
      ],
      pitfalls: [
        "Business logic in staging models, which makes them impossible to reuse.",
        "Incremental models without an occasional full refresh.",
        "A `profiles.yml` with passwords committed to the repository.",
      ],
      problems: [
        [
          "Why does our incremental dbt model produce duplicate rows",
          "The `fct_deliveries` model is incremental. After a few weeks we see deliveries that appear two or three times.",
          "Without a `unique_key`, dbt only appends rows on each run. Set `unique_key='delivery_id'` in the config and dbt will merge instead. Clean up the existing duplicates once with `dbt run --full-refresh --select fct_deliveries`.",
          "Add a `unique` test on `delivery_id` too. The build then fails the first time it goes wrong, instead of someone finding out weeks later in a report.",
        ],
        [
          "How do I run only the changed dbt models in our CI pipeline",
          "Our CI runs the whole dbt project on every pull request, which takes almost forty minutes. We only want to test changed models and what depends on them.",
          "Use `dbt build --select state:modified+ --state ./prod-artifacts` and make CI fetch the `manifest.json` of the latest production run. Nordlicht stores that artefact per run and you can download it through the API.",
          "Combine it with `--defer` so unchanged models are read from production instead of being rebuilt. That took our CI from forty minutes to six.",
        ],
      ],
    },
  },
  {
    tags: ["airflow", "pipelines", "python"],
    inline: "catchup=False",
    doc: "integrations/airflow",
    cx: "01367",
    err: [
      null,
      "[scheduler] 64 tasks queued, 0 open slots in default_pool\nTask nightly_warehouse.orders waiting for slot",
    ],
    code: {
      lang: "python",
      text: `
from airflow import DAG
from nordlicht.airflow import NordlichtRunPipelineOperator

with DAG("nightly_warehouse", schedule="0 3 * * *", catchup=False) as dag:
    orders = NordlichtRunPipelineOperator(
      task_id="orders", pipeline="erp_orders", deferrable=True)
    stock = NordlichtRunPipelineOperator(
      task_id="stock", pipeline="wms_stock", deferrable=True)
    orders >> stock`,
    },
    nl: {
      topic: "orkestratie met Airflow",
      why: "Organisaties die al Airflow gebruiken voor andere processen, willen Nordlicht-pipelines vaak in dezelfde DAG's opnemen. Met de Nordlicht-provider start je pipelines vanuit Airflow en wacht je netjes op het resultaat, zodat afhankelijkheden over systemen heen kloppen.",
      tips: [
        "Gebruik de `NordlichtRunPipelineOperator` in plaats van losse HTTP-calls.",
        "Zet `catchup=False` op nieuwe DAG's, tenzij je echt vanaf de startdatum wilt bijwerken.",
        "Laat Airflow de volgorde bepalen en Nordlicht het zware werk doen.",
        "Bewaar het API-token als Airflow-connection, niet in de DAG-code.",
        "Gebruik deferrable operators, zodat wachten op een run geen worker-slot bezet houdt.",
      ],
      pitfalls: [
        "Dezelfde pipeline zowel in Airflow als in de Nordlicht-planner inplannen.",
        "Een startdatum in het verleden met catchup aan, waardoor honderden runs starten.",
        "Sensors die een worker-slot vasthouden terwijl ze urenlang wachten.",
      ],
      problems: [
        [
          "Waarom start Airflow honderden runs zodra ik een nieuwe DAG aanzet",
          "Ik heb een DAG voor onze nachtelijke warehouse-load gemaakt met `start_date` op 1 januari. Na het aanzetten startte Airflow meteen een run voor elke dag sinds die datum.",
          "Dat is catchup: Airflow haalt alle gemiste intervallen in. Zet `catchup=False` in de DAG-definitie. Runs die al gepland zijn, kun je in de interface in één keer als geslaagd markeren of verwijderen.",
          "Kies ook een `start_date` dicht bij vandaag. Dat voorkomt verwarring, en als je later toch historie wilt bijwerken, kun je gericht een backfill starten voor de periode die je nodig hebt.",
        ],
        [
          "Hoe voorkom ik dat Airflow-workers bezet blijven terwijl ze op een Nordlicht-run wachten",
          "Onze Nordlicht-loads duren soms anderhalf uur. In die tijd houdt elke wachtende taak een worker-slot bezet, waardoor andere DAG's in de wachtrij blijven staan.",
          "Zet `deferrable=True` op de `NordlichtRunPipelineOperator`. De taak geeft dan tijdens het wachten zijn slot vrij en de triggerer controleert periodiek of de run klaar is. Zorg wel dat de triggerer-component draait.",
          'Zit je nog op een oudere Airflow-versie zonder triggerer, gebruik dan een sensor met `mode="reschedule"`. Die geeft tussen de controles door ook zijn slot vrij.',
        ],
      ],
    },
    en: {
      topic: "Airflow orchestration",
      why: "Organisations that already use Airflow for other processes often want Nordlicht pipelines in the same DAGs. The Nordlicht provider starts pipelines from Airflow and waits for the result properly, so dependencies across systems stay correct.",
      tips: [
        "Use the `NordlichtRunPipelineOperator` rather than hand-written HTTP calls.",
        "Set `catchup=False` on new DAGs unless you really want to backfill from the start date.",
        "Let Airflow decide the order and let Nordlicht do the heavy lifting.",
        "Store the API token as an Airflow connection, not in the DAG code.",
        "Use deferrable operators so waiting for a run does not occupy a worker slot.",
      ],
      pitfalls: [
        "Scheduling the same pipeline both in Airflow and in the Nordlicht scheduler.",
        "A start date in the past with catchup enabled, which launches hundreds of runs.",
        "Sensors holding a worker slot while they wait for hours.",
      ],
      problems: [
        [
          "Why does Airflow launch hundreds of runs as soon as I enable a new DAG",
          "I created a DAG for our nightly warehouse load with `start_date` on 1 January. After enabling it, Airflow immediately started a run for every day since then.",
          "That is catchup: Airflow fills in every missed interval. Set `catchup=False` in the DAG definition. Runs that are already scheduled can be marked as successful or deleted in bulk from the interface.",
          "Also pick a `start_date` close to today. It avoids confusion, and if you do want history later, you can start a targeted backfill for just the period you need.",
        ],
        [
          "How do I keep Airflow workers free while they wait for a Nordlicht run",
          "Our Nordlicht loads sometimes take ninety minutes. Meanwhile every waiting task holds a worker slot, so other DAGs sit in the queue.",
          "Set `deferrable=True` on the `NordlichtRunPipelineOperator`. The task then releases its slot while waiting, and the triggerer checks periodically whether the run has finished. Make sure the triggerer component is running.",
          'If you are still on an older Airflow version without a triggerer, use a sensor with `mode="reschedule"`. It also releases its slot between checks.',
        ],
      ],
    },
  },
  {
    tags: ["backup", "warehouse"],
    inline: "retention_days",
    doc: "operations/backup",
    cx: "013467",
    err: [null, "restore job 8f21: 38% complete, throughput 96 MB/s, eta 6h51m"],
    code: {
      lang: "yaml",
      text: `
backup:
  schedule: "0 1 * * *"
  retention_days: 35
  target: s3://zuidhaven-backups/nordlicht
  encryption: kms
  storage_class: standard
restore_test:
  schedule: quarterly
  target_env: restore-sandbox`,
    },
    nl: {
      topic: "back-up en herstel",
      why: "Een back-up is pas iets waard als je hem kunt terugzetten. Naast de automatische snapshots van het warehouse wil je weten hoe lang herstel duurt, wie het mag starten en of je ook één tabel kunt terughalen zonder de rest te raken.",
      tips: [
        "Stem `retention_days` af op je bewaarbeleid én op hoe laat fouten meestal ontdekt worden.",
        "Test minstens elk kwartaal een volledig herstel naar een aparte omgeving.",
        "Gebruik time travel om één tabel terug te zetten in plaats van een volledige restore.",
        "Bewaar back-ups in een andere regio of bij een andere partij dan de productiedata.",
        "Leg vast wie een herstel mag starten en hoe je dat communiceert.",
      ],
      pitfalls: [
        "Back-ups die nog nooit zijn teruggezet, waardoor niemand weet of ze werken.",
        "Encryptiesleutels die alleen in dezelfde omgeving staan als de data.",
        "Een bewaartermijn die korter is dan de tijd waarin fouten meestal opvallen.",
      ],
      problems: [
        [
          "Hoe zet ik één tabel terug zonder het hele warehouse te herstellen",
          "Een collega heeft per ongeluk een `DELETE` zonder `WHERE` gedraaid op `mart.invoices`. De rest van het warehouse is in orde.",
          "Gebruik time travel: `CREATE TABLE mart.invoices_restored CLONE mart.invoices AT (TIMESTAMP => '2025-03-14 09:40:00')`. Controleer de kloon en wissel hem daarna om met de beschadigde tabel. Dit werkt zolang het moment binnen de time-travelperiode valt.",
          "Valt het moment buiten de time-travelperiode, dan kun je een nachtelijke back-up naar een aparte database terugzetten en alleen die tabel overnemen. Dat duurt langer, maar raakt de rest niet.",
        ],
        [
          "Waarom duurt het herstellen van onze back-up zo veel langer dan verwacht",
          "Bij een hersteltest van ons warehouse van 4 TB duurde de restore bijna elf uur, terwijl we in ons continuïteitsplan van vier uur uitgaan.",
          "De doorvoer wordt meestal bepaald door de opslagklasse van de back-up en de grootte van het doelwarehouse. Zet voor het herstel tijdelijk een groter formaat aan en overweeg back-ups in een snellere opslagklasse te bewaren. Herstel eerst de kritieke schema's en de rest daarna.",
          "Pas ook je continuïteitsplan aan op de werkelijkheid. Wij hebben een prioriteitenlijst gemaakt: de tabellen voor de dagelijkse planning staan binnen twee uur terug, historie mag een dag duren.",
        ],
      ],
    },
    en: {
      topic: "backup and restore",
      why: "A backup is only worth something if you can restore it. Beyond the warehouse's automatic snapshots you want to know how long a restore takes, who may start one and whether you can recover a single table without touching the rest.",
      tips: [
        "Tune `retention_days` to your retention policy and to how late errors are usually discovered.",
        "Test a full restore to a separate environment at least every quarter.",
        "Use time travel to recover a single table instead of a full restore.",
        "Store backups in another region or with another provider than the production data.",
        "Agree on who may start a restore and how you communicate about it.",
      ],
      pitfalls: [
        "Backups that have never been restored, so nobody knows whether they work.",
        "Encryption keys that live only in the same environment as the data.",
        "A retention period shorter than the time it usually takes to notice an error.",
      ],
      problems: [
        [
          "How do I restore a single table without restoring the whole warehouse",
          "A colleague accidentally ran a `DELETE` without a `WHERE` on `mart.invoices`. The rest of the warehouse is fine.",
          "Use time travel: `CREATE TABLE mart.invoices_restored CLONE mart.invoices AT (TIMESTAMP => '2025-03-14 09:40:00')`. Check the clone and then swap it with the damaged table. This works as long as the moment falls within the time travel period.",
          "If the moment is outside the time travel period, restore a nightly backup into a separate database and copy just that table across. It takes longer but leaves everything else alone.",
        ],
        [
          "Why does restoring our backup take so much longer than expected",
          "In a restore test of our 4 TB warehouse the restore took almost eleven hours, while our continuity plan assumes four.",
          "Throughput is mostly determined by the backup storage class and the size of the target warehouse. Temporarily use a larger size for the restore and consider keeping backups in a faster storage class. Restore the critical schemas first and the rest afterwards.",
          "Also adjust the continuity plan to reality. We made a priority list: the tables for daily planning are back within two hours, history may take a day.",
        ],
      ],
    },
  },
  {
    tags: ["migration", "sql", "warehouse"],
    inline: "UNION ALL",
    doc: "migration/from-legacy",
    cx: "01267",
    err: [null, "SQL compilation error: syntax error line 14 at position 4\nunexpected 'DECLARE'"],
    code: {
      lang: "sql",
      text: `
SELECT 'legacy' AS side, COUNT(*) AS n, SUM(amount) AS total
FROM legacy.invoices WHERE invoice_year = 2024
UNION ALL
SELECT 'nordlicht', COUNT(*), SUM(amount)
FROM mart.invoices WHERE invoice_year = 2024;`,
    },
    nl: {
      topic: "migreren vanaf een oud datawarehouse",
      why: "Een migratie van een oud SQL Server- of Oracle-warehouse naar Nordlicht is zelden alleen een technische klus. De grootste risico's zitten in rapporten die niemand meer begrijpt, in stille verschillen in cijfers en in de periode waarin beide systemen naast elkaar draaien.",
      tips: [
        "Inventariseer eerst welke rapporten echt gebruikt worden; vaak is de helft overbodig.",
        "Migreer per domein, bijvoorbeeld eerst finance en daarna logistiek.",
        "Vergelijk elke dag aantallen en totalen tussen oud en nieuw, met een simpele `UNION ALL`-query.",
        "Spreek vooraf af welk verschil acceptabel is en wie een afwijking goedkeurt.",
        "Zet het oude systeem op alleen-lezen zodra een domein over is.",
      ],
      pitfalls: [
        "Alles in één big bang omzetten, met één datum waarop alles moet werken.",
        "Verschillen in afronding, collation of NULL-gedrag die pas na maanden opvallen.",
        "Het oude warehouse jarenlang laten doordraaien 'voor de zekerheid'.",
      ],
      problems: [
        [
          "Waarom wijken de totalen in Nordlicht een paar euro af van ons oude warehouse",
          "Na de migratie van de facturatiedata verschillen de jaartotalen een paar euro per miljoen. Finance wil weten waar dat vandaan komt voordat ze het nieuwe rapport accepteren.",
          "Kleine verschillen komen vrijwel altijd door afronding: het oude systeem rondde per regel af op twee decimalen, of gebruikte `FLOAT` in plaats van `DECIMAL`. Vergelijk per factuur en kijk of de verschillen op regelniveau ontstaan. Gebruik in Nordlicht `DECIMAL(18,2)` voor bedragen.",
          "Leg de afspraak ook vast: bij ons is een verschil van minder dan een cent per factuur geaccepteerd, mits het verklaarbaar is. Dat scheelt eindeloze discussies.",
        ],
        [
          "Hoe migreren we stored procedures uit SQL Server naar Nordlicht",
          "Ons oude warehouse heeft ruim tweehonderd stored procedures met T-SQL, cursors en tijdelijke tabellen. We weten niet goed waar we moeten beginnen.",
          "Zet procedures niet één op één om. Herschrijf de logica als set-based SQL-modellen, bijvoorbeeld in dbt of als Nordlicht-transformaties, en laat cursors en tijdelijke tabellen vallen. Begin met de procedures achter de meest gebruikte rapporten.",
          "Polder Consulting heeft een inventarisatiescript dat per procedure laat zien welke tabellen gelezen en geschreven worden. Met die afhankelijkheden bepaal je een logische volgorde.",
        ],
      ],
    },
    en: {
      topic: "legacy warehouse migrations",
      why: "Moving from an old SQL Server or Oracle warehouse to Nordlicht is rarely just a technical job. The biggest risks are reports nobody understands any more, silent differences in figures and the period in which both systems run side by side.",
      tips: [
        "First take stock of which reports are really used; often half are redundant.",
        "Migrate domain by domain, for example finance first and logistics later.",
        "Compare counts and totals between old and new every day with a simple `UNION ALL` query.",
        "Agree in advance which difference is acceptable and who signs off on deviations.",
        "Switch the old system to read-only as soon as a domain has moved.",
      ],
      pitfalls: [
        "A big-bang cutover with a single date on which everything has to work.",
        "Differences in rounding, collation or NULL handling that surface only months later.",
        "Keeping the old warehouse running for years 'just in case'.",
      ],
      problems: [
        [
          "Why are our totals in Nordlicht a few euros off from the old warehouse",
          "After migrating invoice data, the annual totals differ by a few euros per million. Finance wants to know why before accepting the new report.",
          "Small differences almost always come from rounding: the old system rounded each line to two decimals, or used `FLOAT` instead of `DECIMAL`. Compare per invoice and check whether the differences appear at line level. Use `DECIMAL(18,2)` for amounts in Nordlicht.",
          "Write the agreement down too: we accept a difference below one cent per invoice, provided it can be explained. It saves endless discussions.",
        ],
        [
          "How do we migrate SQL Server stored procedures to Nordlicht",
          "Our old warehouse has over two hundred stored procedures with T-SQL, cursors and temporary tables. We are not sure where to start.",
          "Do not convert procedures one to one. Rewrite the logic as set-based SQL models, in dbt or as Nordlicht transformations, and drop the cursors and temporary tables. Start with the procedures behind the most-used reports.",
          "Polder Consulting has an inventory script that shows per procedure which tables it reads and writes. With those dependencies you can work out a sensible order.",
        ],
      ],
    },
  },
  {
    tags: ["dashboards", "data-modelling", "sql"],
    inline: "metrics.yml",
    doc: "modelling/metrics",
    cx: "0145",
    err: [null, null],
    code: {
      lang: "yaml",
      text: `
metrics:
  - name: on_time_delivery_rate
    label: On-time delivery
    expression: SUM(on_time) / COUNT(delivery_id)
    filters: ["is_return = false"]
    owner: team-operations
    format: percent`,
    },
    nl: {
      topic: "gedeelde KPI-definities",
      why: "Als finance, operations en het MT elk hun eigen definitie van 'omzet' of 'tijdig geleverd' hanteren, gaat elke vergadering over de cijfers in plaats van over de inhoud. Een gedeelde metriekenlaag legt elke KPI één keer vast, met formule, eigenaar en opmaak.",
      tips: [
        "Leg elke KPI één keer vast in `metrics.yml`, met formule, eigenaar en opmaak.",
        "Laat dashboards en exports de metriek gebruiken in plaats van de formule te kopiëren.",
        "Noteer expliciet wat niet meetelt, zoals retouren of interne leveringen.",
        "Versioneer definities: als een formule verandert, moet dat in de historie zichtbaar zijn.",
        "Laat de eigenaar van een KPI elke wijziging goedkeuren via een pull request.",
      ],
      pitfalls: [
        "Dezelfde KPI onder twee namen, of twee KPI's met dezelfde naam.",
        "Een definitiewijziging zonder communicatie, waardoor trends opeens breken.",
        "Metrieken die alleen in een BI-tool bestaan en niet in het warehouse.",
      ],
      problems: [
        [
          "Waarom verandert onze KPI-trend opeens na een aanpassing van de definitie",
          "We hebben retouren uit 'tijdig geleverd' gehaald. Sindsdien springt de grafiek van 91% naar 94%, ook voor de maanden van vorig jaar.",
          "De metriek wordt met terugwerkende kracht opnieuw berekend, dus de hele historie verandert mee. Wil je het oude verloop behouden, maak dan een nieuwe metriek (`on_time_delivery_rate_v2`) en toon in het dashboard een markering vanaf de wijzigingsdatum.",
          "Communiceer zo'n wijziging vooraf, met een korte uitleg in het dashboard zelf. Bij ons dacht het MT eerst dat de prestaties echt verbeterd waren.",
        ],
        [
          "Hoe dwingen we af dat iedereen dezelfde definitie van omzet gebruikt",
          "In onze Power BI-rapporten en Nordlicht-dashboards staan minstens vier verschillende berekeningen van 'omzet'. Niemand weet nog welke de juiste is.",
          "Leg één definitie vast in de metriekenlaag en laat zowel de Nordlicht-dashboards als Power BI die via de semantische laag ophalen. Markeer de oude berekeningen als verouderd, met een verwijzing naar de nieuwe, en verwijder ze na een overgangsperiode.",
          "Begin met de vraag wie eigenaar is van 'omzet'. Bij ons was dat de controller; pas toen die knoop was doorgehakt, kon het datateam de rest regelen.",
        ],
      ],
    },
    en: {
      topic: "shared KPI definitions",
      why: "When finance, operations and management each use their own definition of 'revenue' or 'on-time delivery', every meeting is about the numbers rather than the substance. A shared metrics layer defines each KPI once, with formula, owner and formatting.",
      tips: [
        "Define each KPI once in `metrics.yml`, with formula, owner and formatting.",
        "Let dashboards and exports use the metric instead of copying the formula.",
        "State explicitly what does not count, such as returns or internal deliveries.",
        "Version definitions: when a formula changes, that should be visible in the history.",
        "Have the KPI owner approve every change through a pull request.",
      ],
      pitfalls: [
        "The same KPI under two names, or two KPIs under the same name.",
        "A definition change without communication, so trends suddenly break.",
        "Metrics that exist only in a BI tool and not in the warehouse.",
      ],
      problems: [
        [
          "Why did our KPI trend change suddenly after we adjusted the definition",
          "We removed returns from 'on-time delivery'. Since then the chart jumped from 91% to 94%, including the months of last year.",
          "The metric is recalculated retroactively, so the whole history changes with it. If you want to keep the old trend, create a new metric (`on_time_delivery_rate_v2`) and show a marker on the dashboard from the date of the change.",
          "Announce such a change beforehand, with a short note on the dashboard itself. Our management team first thought performance had genuinely improved.",
        ],
        [
          "How do we make everyone use the same definition of revenue",
          "Our Power BI reports and Nordlicht dashboards contain at least four different revenue calculations. Nobody knows which one is right any more.",
          "Define it once in the metrics layer and let both the Nordlicht dashboards and Power BI read it through the semantic layer. Mark the old calculations as deprecated with a pointer to the new one, and remove them after a transition period.",
          "Start by deciding who owns 'revenue'. For us it was the financial controller; only once that was settled could the data team sort out the rest.",
        ],
      ],
    },
  },
];

type Org = { name: string; be: boolean };
const ORGS: Org[] = [
  { name: "Veldwerk Logistiek", be: false },
  { name: "Gemeente Zuidhaven", be: false },
  { name: "Brugge Zorggroep", be: true },
  { name: "Harbourline Insurance", be: false },
  { name: "Polder Consulting", be: false },
  { name: "Schelde Systems", be: true },
  { name: "Tulip Analytics", be: false },
];

/** Situations a question can arise in; a subject lists the ones that fit it in `cx`. */
type Context = { phrase: string; body: string; advice: string; tag?: string };
const CONTEXTS: Record<SeedLang, Context[]> = {
  nl: [
    {
      phrase: "sinds de upgrade naar 4.2",
      body: "Het begon direct na de upgrade van 4.1 naar 4.2 afgelopen weekend; daarvoor liep alles maandenlang stabiel.",
      advice:
        "Lees ook de release notes van 4.2 even na: een paar standaardwaarden zijn gewijzigd. Vergelijk je oude configuratie met de nieuwe, dan zie je het verschil meestal meteen.",
    },
    {
      phrase: "alleen in onze acceptatieomgeving",
      body: "In productie gaat alles goed, alleen in acceptatie krijgen we dit elke keer.",
      advice:
        "Leg de configuratie van acceptatie en productie eens naast elkaar. Vaak zit het verschil in een secret, een verlopen certificaat of een lagere resourcelimiet.",
    },
    {
      phrase: "bij tabellen met meer dan 50 miljoen rijen",
      body: "Op kleine tabellen gaat het goed, maar zodra we boven de 50 miljoen rijen komen, loopt het mis.",
      advice:
        "Bij dit soort volumes loont het om eerst met een deelset te testen en partitionering aan te zetten, zodat je niet elke keer de hele tabel raakt.",
      tag: "performance",
    },
    {
      phrase: "sinds we op Kubernetes draaien",
      body: "We zijn vorige maand van VM's naar onze eigen Kubernetes-cluster overgestapt, en kort daarna begon dit.",
      advice:
        "Kijk ook naar de memory limits van de pods. Een OOMKill ziet er in de applicatielogs soms uit als een gewone time-out; `kubectl describe pod` laat de echte reden zien.",
      tag: "kubernetes",
    },
    {
      phrase: "na de migratie vanaf ons oude warehouse",
      body: "Dit speelt sinds we van ons oude SQL Server-warehouse naar Nordlicht zijn gemigreerd.",
      advice:
        "Na een migratie zitten verschillen vaak in collation, tijdzones of NULL-gedrag. Vergelijk aantallen en totalen per dag, dan zie je snel waar het afwijkt.",
      tag: "migration",
    },
    {
      phrase: "als meerdere teams tegelijk wijzigingen doen",
      body: "Het gebeurt vooral als meerdere teams tegelijk pipelines en rapporten aanpassen.",
      advice:
        "Spreek af wie eigenaar is van welke objecten en geef elk team een eigen ontwikkelomgeving, zodat wijzigingen niet meer op elkaar stapelen.",
      tag: "governance",
    },
    {
      phrase: "alleen tijdens de nachtelijke run",
      body: "Overdag kunnen we het niet reproduceren; het gebeurt alleen in de nachtelijke batch rond 02:00.",
      advice:
        "'s Nachts draait er vaak meer dan je denkt: back-ups en onderhoudsjobs van het bronsysteem. Spreid de planning of voeg een expliciete afhankelijkheid toe.",
    },
    {
      phrase: "sinds de overstap naar de EU-regio",
      body: "We zijn onlangs van de gedeelde omgeving naar de dedicated EU-regio verhuisd.",
      advice:
        "Bij een regiowissel veranderen hostnamen en IP-ranges. Controleer firewallregels, allowlists en de endpoints in je connectors.",
    },
  ],
  en: [
    {
      phrase: "since upgrading to 4.2",
      body: "It started right after we upgraded from 4.1 to 4.2 last weekend; before that everything had been stable for months.",
      advice:
        "Read the 4.2 release notes as well: a few defaults changed. Compare your old configuration with the new one and the difference usually jumps out.",
    },
    {
      phrase: "only in our acceptance environment",
      body: "Production is fine; only acceptance shows this, every single time.",
      advice:
        "Put the acceptance and production configuration side by side. The difference is usually a secret, an expired certificate or a lower resource limit.",
    },
    {
      phrase: "on tables with more than 50 million rows",
      body: "Small tables are fine, but as soon as we go beyond 50 million rows it breaks.",
      advice:
        "At these volumes it pays to test on a subset first and to enable partitioning, so you do not touch the whole table every time.",
      tag: "performance",
    },
    {
      phrase: "since we moved to Kubernetes",
      body: "Last month we moved from VMs to our own Kubernetes cluster, and this started soon after.",
      advice:
        "Check the memory limits of the pods as well. An OOMKill can look like an ordinary timeout in the application logs; `kubectl describe pod` shows the real reason.",
      tag: "kubernetes",
    },
    {
      phrase: "after migrating from our old warehouse",
      body: "This has been happening since we migrated from our old SQL Server warehouse to Nordlicht.",
      advice:
        "After a migration, differences often hide in collation, time zones or NULL handling. Compare counts and totals per day and you will quickly see where it diverges.",
      tag: "migration",
    },
    {
      phrase: "when several teams make changes at once",
      body: "It mainly happens when several teams change pipelines and reports at the same time.",
      advice:
        "Agree on who owns which objects and give each team its own development environment, so changes stop piling up on top of each other.",
      tag: "governance",
    },
    {
      phrase: "only during the nightly run",
      body: "We cannot reproduce it during the day; it only happens in the nightly batch around 02:00.",
      advice:
        "More runs at night than you would think: backups and maintenance jobs in the source system. Spread the schedule or add an explicit dependency.",
    },
    {
      phrase: "since moving to the EU region",
      body: "We recently moved from the shared environment to the dedicated EU region.",
      advice:
        "A region change means new host names and IP ranges. Check firewall rules, allowlists and the endpoints in your connectors.",
    },
  ],
};

type Sector = { name: string; note: string };
const SECTORS: Record<SeedLang, Sector[]> = {
  nl: [
    {
      name: "gemeente",
      note: "Als gemeente heb je te maken met de Woo en de Archiefwet. Leg daarom vooraf vast wie welke data mag publiceren en hoe lang je die bewaart.",
    },
    {
      name: "zorginstelling",
      note: "In de zorg is privacy leidend. Werk waar het kan met gepseudonimiseerde data en betrek je DPO vanaf het begin, niet pas bij de livegang.",
    },
    {
      name: "verzekeraar",
      note: "Bij een verzekeraar kijken auditors en toezichthouders mee. Zorg dat elke wijziging herleidbaar is naar een ticket en een goedkeuring.",
    },
    {
      name: "logistiek bedrijf",
      note: "In de logistiek draait alles om de planning van morgen. Zorg dat de data klaarstaat vóór de ochtendploeg begint, ook als er 's nachts iets misgaat.",
    },
    {
      name: "klein datateam",
      note: "Met een klein team moet je kiezen. Automatiseer wat vaak terugkomt en laat de rest bewust liggen tot er tijd voor is.",
    },
    {
      name: "implementatiepartner",
      note: "Als partner richt je dit voor meerdere klanten in. Maak er een sjabloon van, zodat je niet bij elke klant opnieuw begint.",
    },
  ],
  en: [
    {
      name: "a municipality",
      note: "A municipality has freedom-of-information and archiving rules to follow. Decide up front who may publish which data and how long you keep it.",
    },
    {
      name: "a care provider",
      note: "In healthcare, privacy comes first. Work with pseudonymised data wherever you can and involve your DPO from the start, not just before go-live.",
    },
    {
      name: "an insurer",
      note: "At an insurer, auditors and regulators are watching. Make sure every change can be traced back to a ticket and an approval.",
    },
    {
      name: "a logistics company",
      note: "In logistics everything revolves around tomorrow's planning. Make sure the data is ready before the morning shift starts, even if something fails overnight.",
    },
    {
      name: "a small data team",
      note: "With a small team you have to choose. Automate what keeps coming back and consciously leave the rest until there is time.",
    },
    {
      name: "an implementation partner",
      note: "As a partner you set this up for several customers. Turn it into a template so you do not start from scratch every time.",
    },
  ],
};

type Fn = (o: string) => string;
/** Language-specific phrasing used by the generators. `be` variants add a Flemish touch for Belgian organisations. */
const P = {
  nl: {
    docRef: (u: string) => `Meer achtergrond staat in [de documentatie](${u}).`,
    noCtx: "Blijft het daarna gebeuren, stuur dan de run-ID naar support, dan kijken we mee in de logs.",
    qOpen: [
      (o) => `Wij draaien Nordlicht bij ${o} en lopen tegen het volgende aan.`,
      (o) => `Vraag vanuit ${o}.`,
      (o) => `Bij ${o} hebben we sinds kort een probleem waar we niet uitkomen.`,
    ] as Fn[],
    qOpenBe: [
      (o) => `Hier bij ${o} zitten we met een probleem waar we maar niet uit geraken.`,
      (o) => `Bij ${o} sukkelen we al een tijdje met het volgende.`,
    ] as Fn[],
    hOpen: [(o) => `Vraag vanuit ${o}.`, (o) => `Bij ${o} zijn we hier volop mee bezig.`] as Fn[],
    hOpenBe: [(o) => `Hier bij ${o} zijn we daar volop mee bezig.`] as Fn[],
    qClose: [
      "Heeft iemand dit eerder gezien?",
      "Alle tips zijn welkom.",
      "Wat kan ik nog controleren voordat ik een ticket aanmaak?",
    ],
    qCloseBe: ["Iemand een idee? Alvast merci!", "Alle hulp is welkom, alvast bedankt."],
    expOpen: [
      (o) => `Herkenbaar, bij ${o} hadden we precies hetzelfde.`,
      (o) => `Hier liepen we bij ${o} vorig jaar ook tegenaan.`,
    ] as Fn[],
    expOpenBe: [
      (o) => `Allez, daar hebben we bij ${o} ook lang mee gesukkeld.`,
      (o) => `Bij ${o} hadden we dat ook; intussen is het opgelost.`,
    ] as Fn[],
    helped: "Wat bij ons hielp:",
    expClose: ["Sindsdien hebben we er geen last meer van.", "Succes ermee, laat even weten of het werkt!"],
    pitIntro: (x: string) =>
      `Aanvullend op de andere antwoorden: dit zijn de valkuilen die ik het vaakst zie bij ${x}.`,
    codeIntro: "Ter vergelijking, zo hebben wij het ingericht:",
    codeOutro: (c: string) => `Let vooral op \`${c}\`; daar zit meestal het verschil.`,
    howOpen: [
      (o) => `Bij ${o} doen we dit nu ongeveer een jaar.`,
      (o) => `Wij hebben dit bij ${o} vorig jaar ingericht.`,
    ] as Fn[],
    howOpenBe: [(o) => `Bij ${o} hebben we dat vorig jaar opgezet, en het draait intussen goed.`] as Fn[],
    worksWell: "Wat bij ons goed werkt:",
    vendor: "Vanuit Nordlicht nog wat context.",
    starter: "Voor een team dat net begint, zou ik het zo opbouwen:",
    starterEnd: "De rest komt vanzelf als de basis staat.",
    pairIntro: (x2: string) => `Wat de combinatie met ${x2} betreft, zou ik dit aanhouden:`,
    pairEnd: (x: string) => `En wat ${x} betreft: begin klein en breid pas uit als de basis staat.`,
    sectorMore: "Verder een aanrader uit eigen ervaring:",
    seeing: "Wat we nu al zien aankomen:",
    codeLead: "Een voorbeeld uit de praktijk, licht vereenvoudigd:",
    codeAfter: (c: string) => `Let vooral op \`${c}\`: daar gaat het in de praktijk het vaakst mis.`,
    noCode: (c: string) =>
      `Een detail dat vaak over het hoofd wordt gezien, is \`${c}\`. Controleer dat als eerste wanneer iets niet werkt zoals je verwacht.`,
    beIntro: "Intussen draait het bij ons vlot, en we delen graag wat we onderweg geleerd hebben.",
  },
  en: {
    docRef: (u: string) => `There is more background in [the docs](${u}).`,
    noCtx: "If it keeps happening after that, send the run ID to support and we will look at the logs with you.",
    qOpen: [
      (o) => `We run Nordlicht at ${o} and are stuck on the following.`,
      (o) => `Question from ${o}.`,
      (o) => `At ${o} we recently hit a problem we cannot figure out.`,
    ] as Fn[],
    qOpenBe: [(o) => `Over here at ${o} we are stuck on something.`] as Fn[],
    hOpen: [(o) => `Question from ${o}.`, (o) => `At ${o} we are working on this right now.`] as Fn[],
    hOpenBe: [(o) => `Over here at ${o} we are looking into this.`] as Fn[],
    qClose: [
      "Has anyone seen this before?",
      "Any pointers are welcome.",
      "What else can I check before I open a ticket?",
    ],
    qCloseBe: ["Any ideas? Thanks in advance!"],
    expOpen: [
      (o) => `Sounds familiar, we had exactly the same at ${o}.`,
      (o) => `We ran into this at ${o} last year as well.`,
    ] as Fn[],
    expOpenBe: [(o) => `We struggled with this for quite a while at ${o}, too.`] as Fn[],
    helped: "What helped us:",
    expClose: ["We have not had the problem since.", "Good luck, and let us know whether it works!"],
    pitIntro: (x: string) => `Adding to the other answers: these are the pitfalls I see most often with ${x}.`,
    codeIntro: "For comparison, this is how we set it up:",
    codeOutro: (c: string) => `Pay particular attention to \`${c}\`; that is usually where the difference is.`,
    howOpen: [
      (o) => `At ${o} we have been doing this for about a year.`,
      (o) => `We set this up at ${o} last year.`,
    ] as Fn[],
    howOpenBe: [(o) => `We set this up at ${o} last year and it runs smoothly now.`] as Fn[],
    worksWell: "What works well for us:",
    vendor: "Some context from the Nordlicht side.",
    starter: "For a team that is just starting, I would build it up like this:",
    starterEnd: "The rest follows once the basics are in place.",
    pairIntro: (x2: string) => `As for the combination with ${x2}, I would stick to this:`,
    pairEnd: (x: string) => `As for ${x}: start small and only expand once the basics are solid.`,
    sectorMore: "Also recommended, from our own experience:",
    seeing: "What we already see coming:",
    codeLead: "An example from practice, slightly simplified:",
    codeAfter: (c: string) =>
      `Pay particular attention to \`${c}\`: that is where things most often go wrong in practice.`,
    noCode: (c: string) =>
      `One detail that is often overlooked is \`${c}\`. Check it first when something does not behave as you expect.`,
    beIntro: "",
  },
};

type ArtTpl = {
  t: (x: string, o: string) => string;
  s: (x: string, o: string) => string;
  i: (x: string, o: string) => string;
  ib?: (x: string, o: string) => string;
  h: string[];
  num: boolean;
  code: boolean;
  link: boolean;
  e: string;
};
const ART: Record<SeedLang, ArtTpl[]> = {
  nl: [
    {
      t: (x, o) => `Zo pakken we ${x} aan bij ${o}`,
      s: (x, o) => `${o} deelt hoe ze ${x} hebben ingericht en wat ze onderweg tegenkwamen.`,
      i: (x, o) =>
        `Bij ${o} werken we nu ruim een jaar met Nordlicht. In dit stuk laten we zien hoe wij ${x} hebben aangepakt, inclusief wat we de volgende keer anders zouden doen.`,
      ib: (x, o) =>
        `Bij ${o} hebben we een hele tijd gesukkeld met ${x}. Intussen draait het vlot, en we delen graag hoe we het aangepakt hebben.`,
      h: ["Waarom we dit deden", "Onze aanpak", "Waar we tegenaan liepen"],
      num: false,
      code: true,
      link: false,
      e: "Vragen over onze aanpak? Stel ze gerust hieronder, we denken graag mee.",
    },
    {
      t: (x) => `${cap(x)}: vijf lessen uit de praktijk`,
      s: (x) => `Vijf concrete lessen over ${x}, verzameld bij klanten en partners van Nordlicht.`,
      i: (x) =>
        `Bij klanten en partners zien we rond ${x} steeds dezelfde lessen terugkomen. Hieronder de vijf die het vaakst het verschil maken.`,
      h: ["Waarom het ertoe doet", "De vijf lessen", "Wat je beter kunt laten"],
      num: true,
      code: false,
      link: true,
      e: "Herken je een les niet, of heb je er een zesde? Laat het weten in de reacties.",
    },
    {
      t: (x) => `Een praktische checklist voor ${x}`,
      s: (x) => `Een checklist om ${x} goed in te richten, met de valkuilen die we het vaakst tegenkomen.`,
      i: (x) =>
        `Deze checklist is ontstaan uit tientallen gesprekken met beheerders en analisten. Loop hem door voordat je met ${x} live gaat, of gebruik hem om een bestaande inrichting te toetsen.`,
      h: ["Achtergrond", "De checklist", "Waar het vaak misgaat"],
      num: false,
      code: true,
      link: true,
      e: "Tip: bewaar deze checklist bij je runbook en loop hem na elke grote wijziging opnieuw door.",
    },
    {
      t: (x) => `Veelgemaakte fouten bij ${x} en hoe je ze voorkomt`,
      s: (x) => `De fouten die we het vaakst zien bij ${x}, en wat je in plaats daarvan kunt doen.`,
      i: (x) =>
        `Fouten maken hoort erbij, maar sommige fouten zien we rond ${x} zo vaak terugkomen dat het zonde is om ze zelf nog te maken.`,
      h: ["Waarom het ertoe doet", "Zo doe je het wel", "De klassiekers"],
      num: false,
      code: false,
      link: false,
      e: "Welke fout ontbreekt in dit lijstje? Deel hem hieronder, dan vullen we het aan.",
    },
    {
      t: (x) => `${cap(x)} zonder kopzorgen`,
      s: (x) => `Een nuchtere aanpak voor ${x}, met de instellingen die er echt toe doen.`,
      i: (x) =>
        `Over ${x} wordt veel geschreven, maar in de praktijk gaat het om een handvol keuzes. In dit artikel zetten we ze op een rij, zonder poespas.`,
      h: ["Het probleem", "Wat werkt", "Om op te letten"],
      num: false,
      code: true,
      link: false,
      e: "Houd het eenvoudig; eenvoudig is meestal ook betrouwbaar.",
    },
    {
      t: (x) => `Wat elke beheerder moet weten over ${x}`,
      s: (x) => `De basis van ${x} voor beheerders die het platform draaiende houden.`,
      i: (x) =>
        `Als beheerder krijg je vroeg of laat vragen over ${x}. Dit artikel geeft je de basis, zodat je weet wat je moet controleren en wanneer je moet ingrijpen.`,
      h: ["De kern", "Wat je moet regelen", "Signalen om op te letten"],
      num: false,
      code: false,
      link: true,
      e: "Met deze basis kun je de meeste vragen zelf beantwoorden.",
    },
    {
      t: (x, o) => `Van proefproject naar productie: ${x} bij ${o}`,
      s: (x, o) => `Hoe ${o} ${x} van een eerste proef naar een stabiele productie-inrichting bracht.`,
      i: (x, o) =>
        `Bij ${o} begon ${x} als proefproject van één team. Een half jaar later draait het in productie voor de hele organisatie. Dit is hoe we dat hebben aangepakt.`,
      ib: (x, o) =>
        `Bij ${o} begon ${x} als proefproject van één team. Intussen draait het in productie voor de hele organisatie, en dat ging niet vanzelf.`,
      h: ["Het vertrekpunt", "Wat we hebben ingericht", "Lessen voor wie hetzelfde wil doen"],
      num: false,
      code: true,
      link: true,
      e: "Wil je meer weten? We vertellen er graag over op de volgende gebruikersdag.",
    },
    {
      t: (x) => `Stap voor stap: ${x}`,
      s: (x) => `Een stapsgewijze introductie in ${x} voor teams die er net mee beginnen.`,
      i: (x) =>
        `Begin je net met ${x}? Dan helpt het om de stappen in een vaste volgorde te zetten. Deze handleiding loopt ze met je door.`,
      h: ["Waar het om gaat", "De stappen", "Waar je op moet letten"],
      num: true,
      code: true,
      link: true,
      e: "Loop je ergens vast? Stel je vraag in de community, er kijkt altijd wel iemand mee.",
    },
  ],
  en: [
    {
      t: (x, o) => `How ${o} handles ${x}`,
      s: (x, o) => `${o} shares how they set up ${x} and what they ran into along the way.`,
      i: (x, o) =>
        `We have been running Nordlicht at ${o} for just over a year. This post shows how we approached ${x}, including what we would do differently next time.`,
      h: ["Why we did this", "Our approach", "What we ran into"],
      num: false,
      code: true,
      link: false,
      e: "Questions about our setup? Ask them below and we will gladly help.",
    },
    {
      t: (x) => `${cap(x)}: five lessons from the field`,
      s: (x) => `Five concrete lessons about ${x}, gathered from Nordlicht customers and partners.`,
      i: (x) =>
        `Across customers and partners the same lessons about ${x} keep coming back. These are the five that make the biggest difference.`,
      h: ["Why it matters", "The five lessons", "What to avoid"],
      num: true,
      code: false,
      link: true,
      e: "Missing a lesson, or have a sixth one? Let us know in the comments.",
    },
    {
      t: (x) => `A practical checklist for ${x}`,
      s: (x) => `A checklist for setting up ${x} properly, with the pitfalls we see most often.`,
      i: (x) =>
        `This checklist grew out of dozens of conversations with admins and analysts. Run through it before ${x} goes live, or use it to review an existing setup.`,
      h: ["Background", "The checklist", "Where it often goes wrong"],
      num: false,
      code: true,
      link: true,
      e: "Tip: keep this checklist with your runbook and go through it again after every major change.",
    },
    {
      t: (x) => `Common mistakes with ${x} and how to avoid them`,
      s: (x) => `The mistakes we see most often with ${x}, and what to do instead.`,
      i: (x) =>
        `Making mistakes is part of the job, but some mistakes with ${x} come up so often that there is no need to make them yourself.`,
      h: ["Why it matters", "What to do instead", "The classics"],
      num: false,
      code: false,
      link: false,
      e: "Which mistake is missing from this list? Share it below and we will add it.",
    },
    {
      t: (x) => `${cap(x)} without the headaches`,
      s: (x) => `A no-nonsense approach to ${x}, focused on the settings that really matter.`,
      i: (x) =>
        `A lot has been written about ${x}, but in practice it comes down to a handful of choices. This article lists them without the fluff.`,
      h: ["The problem", "What works", "Watch out for"],
      num: false,
      code: true,
      link: false,
      e: "Keep it simple; simple is usually also reliable.",
    },
    {
      t: (x) => `What every admin should know about ${x}`,
      s: (x) => `The essentials of ${x} for admins who keep the platform running.`,
      i: (x) =>
        `Sooner or later every admin gets questions about ${x}. This article covers the essentials, so you know what to check and when to step in.`,
      h: ["The essentials", "What to put in place", "Warning signs"],
      num: false,
      code: false,
      link: true,
      e: "With these basics you can answer most questions yourself.",
    },
    {
      t: (x, o) => `From pilot to production: ${x} at ${o}`,
      s: (x, o) => `How ${o} took ${x} from a first pilot to a stable production setup.`,
      i: (x, o) =>
        `At ${o}, ${x} started as a pilot in a single team. Six months later it runs in production for the whole organisation. This is how we got there.`,
      h: ["Where we started", "What we put in place", "Lessons for anyone doing the same"],
      num: false,
      code: true,
      link: true,
      e: "Want to know more? We are happy to talk about it at the next user day.",
    },
    {
      t: (x) => `Getting started with ${x}`,
      s: (x) => `A step-by-step introduction to ${x} for teams that are just starting out.`,
      i: (x) => `New to ${x}? It helps to put the steps in a fixed order. This guide walks you through them.`,
      h: ["What it is about", "The steps", "What to watch out for"],
      num: true,
      code: true,
      link: true,
      e: "Stuck somewhere? Ask in the community; someone is always around to help.",
    },
  ],
};

/** How-to question templates: `kind` decides whether a sector, a second subject or nothing fills the slot. */
type HowTpl = {
  kind: "sector" | "pair" | "start";
  t: (x: string, y: string) => string;
  lead: (x: string, y: string) => string;
};
const HOW: Record<SeedLang, HowTpl[]> = {
  nl: [
    {
      kind: "sector",
      t: (x, y) => `Hoe pakken jullie ${x} aan als ${y}?`,
      lead: (x, y) =>
        `We willen ${x} goed neerzetten, maar als ${y} hebben we te maken met eigen eisen rond budget, privacy en beheer. Hoe hebben anderen dat aangepakt?`,
    },
    {
      kind: "pair",
      t: (x, y) => `Wat is een goede aanpak voor ${x} in combinatie met ${y}?`,
      lead: (x, y) =>
        `We gebruiken ${x} al een tijdje en willen dat nu combineren met ${y}. Ik vraag me af hoe anderen dat hebben ingericht en waar het schuurt.`,
    },
    {
      kind: "sector",
      t: (x, y) => `Ervaringen gezocht met ${x} bij een ${y}`,
      lead: (x, y) =>
        `Binnenkort starten we met ${x}. Ik hoor graag van andere organisaties, zeker van een ${y}, hoe dat in de praktijk uitpakt.`,
    },
    {
      kind: "start",
      t: (x) => `Hoe begin je met ${x} als je team er nog weinig ervaring mee heeft?`,
      lead: (x) =>
        `Ons team is klein en heeft weinig ervaring met ${x}. We willen niet meteen alles perfect doen, maar wel een goede basis leggen.`,
    },
    {
      kind: "sector",
      t: (x, y) => `Welke valkuilen zijn er bij ${x} voor een ${y}?`,
      lead: (x, y) =>
        `We bereiden een project rond ${x} voor. Als ${y} willen we vooral weten waar anderen op zijn vastgelopen.`,
    },
    {
      kind: "pair",
      t: (x, y) => `${cap(x)} combineren met ${y}: hoe pakken jullie dat aan?`,
      lead: (x, y) =>
        `Bij ons worden ${x} en ${y} door verschillende mensen beheerd. Hoe zorgen jullie dat die twee goed op elkaar aansluiten?`,
    },
  ],
  en: [
    {
      kind: "sector",
      t: (x, y) => `How do you approach ${x} as ${y}?`,
      lead: (x, y) =>
        `We want to get ${x} right, but as ${y} we have our own constraints around budget, privacy and maintenance. How have others handled this?`,
    },
    {
      kind: "pair",
      t: (x, y) => `What is a good approach to ${x} combined with ${y}?`,
      lead: (x, y) =>
        `We have used ${x} for a while and now want to combine that with ${y}. I am curious how others set this up and where it chafes.`,
    },
    {
      kind: "sector",
      t: (x, y) => `Looking for experiences with ${x} at ${y}`,
      lead: (x, y) =>
        `We are about to start with ${x}. I would love to hear from other organisations, especially ${y}, how it works out in practice.`,
    },
    {
      kind: "start",
      t: (x) => `Where do you start with ${x} when your team is new to it?`,
      lead: (x) =>
        `Our team is small and has little experience with ${x}. We do not need everything perfect straight away, but we do want a solid foundation.`,
    },
    {
      kind: "sector",
      t: (x, y) => `Which pitfalls should ${y} watch for with ${x}?`,
      lead: (x, y) => `We are preparing a project around ${x}. As ${y}, we mostly want to know where others got stuck.`,
    },
    {
      kind: "pair",
      t: (x, y) => `Combining ${x} with ${y}: how do you make it work?`,
      lead: (x, y) =>
        `In our organisation ${x} and ${y} are looked after by different people. How do you make sure the two fit together well?`,
    },
  ],
};

export const COMMENTS: Record<SeedLang, string[]> = {
  nl: [
    "Heel herkenbaar, dit hadden wij vorige maand ook.",
    "Dank voor het delen, dit scheelt ons een hoop zoekwerk.",
    "Goed punt over eigenaarschap. Dat vergeten we vaak.",
    "Plezant om te lezen, merci!",
    "Werkt dit ook als je nog op versie 4.1 zit?",
    "We gaan dit volgende sprint uitproberen.",
    "Duidelijk uitgelegd, ik stuur het door naar ons team.",
    "Allez, eindelijk iemand die het zo helder opschrijft.",
    "Precies wat ik zocht, bedankt!",
    "Hebben jullie dit ook in acceptatie getest?",
    "Interessant. Hoe lang duurde de overstap bij jullie?",
    "Dit zou eigenlijk in de officiële documentatie moeten staan.",
    "Kleine aanvulling: vergeet de tijdzone niet.",
    "Bij ons werkte de tweede optie beter.",
    "Top, dat lost ons probleem op.",
    "Is hier ook een voorbeeld van in Python?",
    "Goed gevonden! Daar hadden wij nooit aan gedacht.",
    "Fijn dat jullie ook de valkuilen delen, niet alleen de successen.",
    "We doen het bijna net zo, alleen met een extra controle.",
    "Ik heb de link bewaard voor onze volgende retro.",
    "Bedankt, dit bespaart me een middag puzzelen.",
    "Kunnen jullie ook iets zeggen over de kosten?",
    "Herkenbaar verhaal. Wij zitten nu midden in dezelfde fase.",
    "Helder antwoord, daar kan ik mee verder.",
    "Zeker de moeite om eens te proberen.",
    "Mooi voorbeeld, het codefragment maakt het concreet.",
    "Dit gaan we bespreken in ons volgende teamoverleg.",
    "Komt dit ook aan bod op de gebruikersdag?",
    "Goed om te weten dat we niet de enigen zijn.",
    "Merci voor de snelle reactie!",
    "Werkt bij ons ook, getest op een kopie van productie.",
    "Misschien handig om dit in de FAQ op te nemen.",
    "Sterk stuk. Vooral de checklist is bruikbaar.",
    "Ik zou er nog aan toevoegen: documenteer het meteen.",
    "Dank je, het probleem is opgelost!",
  ],
  en: [
    "This is exactly what we ran into last month.",
    "Thanks for sharing, this saves us a lot of digging.",
    "Great point about ownership, we tend to forget that.",
    "Does this also work if you are still on 4.1?",
    "We are going to try this in our next sprint.",
    "Clear explanation, forwarding it to the team.",
    "Exactly what I was looking for, thanks!",
    "Did you test this in acceptance first?",
    "Interesting. How long did the switch take you?",
    "This really belongs in the official docs.",
    "Small addition: do not forget the time zone.",
    "The second option worked better for us.",
    "Brilliant, that solves our problem.",
    "Is there a Python example of this as well?",
    "Good catch! We never thought of that.",
    "Nice to see the pitfalls shared, not just the wins.",
    "We do almost the same, with one extra check.",
    "Bookmarked for our next retrospective.",
    "Thanks, you just saved me an afternoon.",
    "Could you say something about the costs?",
    "Very recognisable. We are in the same phase right now.",
    "Clear answer, I can work with that.",
    "Definitely worth a try.",
    "Nice example, the code snippet makes it concrete.",
    "We will discuss this in our next team meeting.",
    "Will this be covered at the user day?",
    "Good to know we are not the only ones.",
    "Thanks for the quick reply!",
    "Works for us too, tested on a copy of production.",
    "Might be worth adding this to the FAQ.",
    "Strong piece. The checklist in particular is useful.",
    "I would add one thing: document it straight away.",
    "Thank you, problem solved!",
    "Any idea whether this changes in the next release?",
    "Cheers, that settled a long-running debate in our team.",
  ],
};

// ---------- helpers ----------

function cap(s: string): string {
  return s.startsWith("dbt") ? s : s.charAt(0).toUpperCase() + s.slice(1);
}
function at<T>(xs: T[], i: number): T {
  return xs[((i % xs.length) + xs.length) % xs.length];
}
function firstSentence(s: string): string {
  const i = s.search(/[.?!] /);
  return i < 0 ? s : s.slice(0, i + 1);
}
function list(xs: string[], numbered = false): string {
  return xs.map((x, i) => (numbered ? `${i + 1}. ` : "- ") + x).join("\n");
}
function fence(c: Code): string {
  return "```" + c.lang + "\n" + c.text.trim() + "\n```";
}
function docUrl(sub: Subject): string {
  return `https://docs.nordlicht.example/${sub.doc}`;
}
function tagsOf(...groups: (string | undefined)[][]): string[] {
  const out: string[] = [];
  for (const g of groups) for (const t of g) if (t && !out.includes(t) && out.length < 4) out.push(t);
  return out;
}
/** Merges two lists, spreading the shorter one evenly through the longer one. */
function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0,
    j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && i * b.length <= j * a.length)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
function opener(fns: Fn[], beFns: Fn[], org: Org, k: number, lang: SeedLang): string {
  return at(org.be && (lang === "nl" || k % 2 === 0) ? beFns : fns, k)(org.name);
}

// ---------- articles ----------

const ARTICLE_COUNT: Record<SeedLang, number> = { nl: 90, en: 74 };

function articlesFor(lang: SeedLang): ArticleSeed[] {
  const tpls = ART[lang],
    p = P[lang],
    n = SUBJECTS.length;
  const out: ArticleSeed[] = [],
    seen = new Set<string>();
  for (let k = 0; out.length < ARTICLE_COUNT[lang] && k < n * tpls.length; k++) {
    const sub = SUBJECTS[k % n],
      side = sub[lang];
    const tpl = tpls[(Math.floor(k / n) + (k % n) + (lang === "en" ? 3 : 0)) % tpls.length];
    const org = at(ORGS, k * 3 + (lang === "en" ? 1 : 0));
    const x = side.topic;
    const title = tpl.t(x, org.name);
    if (seen.has(title)) continue;
    seen.add(title);
    const lead = tpl.s(x, org.name);
    const extra = firstSentence(side.why);
    const summary = lead.length + extra.length < 270 ? `${lead} ${extra}` : lead;
    const intro = org.be && lang === "nl" && tpl.ib ? tpl.ib(x, org.name) : tpl.i(x, org.name);
    const parts = [intro, `## ${tpl.h[0]}`, side.why, `## ${tpl.h[1]}`, list(side.tips, tpl.num)];
    if (tpl.code && sub.code) parts.push(p.codeLead, fence(sub.code), p.codeAfter(sub.inline));
    else parts.push(p.noCode(sub.inline));
    parts.push(`## ${tpl.h[2]}`, list(side.pitfalls), tpl.link ? `${tpl.e} ${p.docRef(docUrl(sub))}` : tpl.e);
    out.push({ title, summary, body: parts.join("\n\n"), tags: [...sub.tags], lang });
  }
  return out;
}

export function articleSeeds(): ArticleSeed[] {
  return interleave(articlesFor("nl"), articlesFor("en"));
}

// ---------- questions ----------

const QUESTION_COUNT: Record<SeedLang, { problem: number; howto: number }> = {
  nl: { problem: 118, howto: 118 },
  en: { problem: 97, howto: 97 },
};
/** Answer counts cycle through this table; roughly 12% of all questions get none (see questionSeeds). */
const ANSWER_COUNTS = [2, 1, 3, 2, 4, 1, 2, 3, 1, 2, 2, 4, 3];

function codeAnswer(lang: SeedLang, sub: Subject): string | null {
  if (!sub.code) return null;
  const p = P[lang];
  return `${p.codeIntro}\n\n${fence(sub.code)}\n\n${p.codeOutro(sub.inline)}`;
}
function pitfallAnswer(lang: SeedLang, side: Side): string {
  return `${P[lang].pitIntro(side.topic)}\n\n${list(side.pitfalls)}`;
}

function problemQuestions(lang: SeedLang): QuestionSeed[] {
  const p = P[lang],
    n = SUBJECTS.length;
  const out: QuestionSeed[] = [],
    seen = new Set<string>();
  for (let k = 0; out.length < QUESTION_COUNT[lang].problem && k < 5000; k++) {
    const si = k % n,
      sub = SUBJECTS[si],
      side = sub[lang];
    const pi = Math.floor(k / n) % side.problems.length;
    const [q, detail, fix, alt] = side.problems[pi];
    const round = Math.floor(k / (n * side.problems.length));
    const options = [-1, ...sub.cx.split("").map(Number)];
    const ci = options[(round + si + (lang === "en" ? 2 : 0)) % options.length];
    const ctx = ci < 0 ? null : CONTEXTS[lang][ci];
    const title = ctx ? `${q} ${ctx.phrase}?` : `${q}?`;
    if (seen.has(title)) continue;
    seen.add(title);
    const org = at(ORGS, k * 3 + si);
    const err = sub.err[pi];
    const closer = org.be && (lang === "nl" || k % 2 === 0) ? at(p.qCloseBe, k) : at(p.qClose, k);
    const body = [
      `${opener(p.qOpen, p.qOpenBe, org, k, lang)} ${detail}`,
      err ? "```\n" + err + "\n```" : "",
      ctx ? ctx.body : "",
      closer,
    ]
      .filter(Boolean)
      .join("\n\n");
    const helper = at(ORGS, k * 3 + si + 2);
    const experience = `${opener(p.expOpen, p.expOpenBe, helper, k, lang)} ${p.helped}\n\n${list([at(side.tips, k), at(side.tips, k + 2)])}\n\n${at(p.expClose, k)}`;
    const a1 = `${fix}\n\n${p.docRef(docUrl(sub))}`;
    const a2 = `${alt}\n\n${ctx ? ctx.advice : p.noCtx}`;
    const a4 = (k % 2 === 0 && codeAnswer(lang, sub)) || pitfallAnswer(lang, side);
    const answers = k % 3 === 1 ? [experience, a1, a4, a2] : [a1, experience, a2, a4];
    out.push({ title, body, tags: tagsOf(sub.tags, [ctx?.tag]), lang, answers });
  }
  return out;
}

function related(si: number, k: number): number {
  const tags = SUBJECTS[si].tags;
  const rel = SUBJECTS.map((s, i) => i).filter((i) => i !== si && SUBJECTS[i].tags.some((t) => tags.includes(t)));
  return rel.length ? at(rel, k) : (si + 1) % SUBJECTS.length;
}

function howtoQuestions(lang: SeedLang): QuestionSeed[] {
  const p = P[lang],
    tpls = HOW[lang],
    sectors = SECTORS[lang],
    n = SUBJECTS.length;
  const out: QuestionSeed[] = [],
    seen = new Set<string>();
  for (let k = 0; out.length < QUESTION_COUNT[lang].howto && k < 5000; k++) {
    const si = k % n,
      round = Math.floor(k / n),
      sub = SUBJECTS[si],
      side = sub[lang];
    const tpl = tpls[(round + si + (lang === "en" ? 1 : 0)) % tpls.length];
    const sector = at(sectors, si * 5 + round * 7);
    const other = SUBJECTS[related(si, round + k)];
    const y = tpl.kind === "pair" ? other[lang].topic : tpl.kind === "sector" ? sector.name : "";
    const title = tpl.t(side.topic, y);
    if (seen.has(title)) continue;
    seen.add(title);
    const org = at(ORGS, k * 5 + 1);
    const closer = org.be && (lang === "nl" || k % 2 === 0) ? at(p.qCloseBe, k) : at(p.qClose, k + 1);
    const seeing = `${p.seeing}\n\n${list([at(side.pitfalls, k), at(side.pitfalls, k + 1)])}`;
    const body = [`${opener(p.hOpen, p.hOpenBe, org, k, lang)} ${tpl.lead(side.topic, y)}`, seeing, closer].join(
      "\n\n",
    );
    const helper = at(ORGS, k * 5 + 3);
    const h1 = `${opener(p.howOpen, p.howOpenBe, helper, k, lang)} ${p.worksWell}\n\n${list([at(side.tips, k), at(side.tips, k + 1), at(side.tips, k + 3)])}\n\n${at(p.expClose, k + 1)}`;
    const h2 = `${p.vendor} ${side.why}\n\n${p.docRef(docUrl(sub))}`;
    const h3 =
      tpl.kind === "pair"
        ? `${p.pairIntro(other[lang].topic)}\n\n${list([other[lang].tips[0], other[lang].tips[1]])}\n\n${p.pairEnd(side.topic)}`
        : tpl.kind === "start"
          ? `${p.starter}\n\n${list(side.tips.slice(0, 3), true)}\n\n${p.starterEnd}`
          : `${sector.note}\n\n${p.sectorMore}\n\n${list([at(side.tips, k + 2), at(side.tips, k + 4)])}`;
    const h4 = codeAnswer(lang, sub) ?? pitfallAnswer(lang, side);
    const answers = k % 2 === 0 ? [h1, h3, h2, h4] : [h3, h2, h4, h1];
    const extraTag = tpl.kind === "pair" ? other.tags[0] : undefined;
    out.push({ title, body, tags: tagsOf(sub.tags, [extraTag]), lang, answers });
  }
  return out;
}

export function questionSeeds(): QuestionSeed[] {
  const all = interleave(
    interleave(problemQuestions("nl"), howtoQuestions("nl")),
    interleave(problemQuestions("en"), howtoQuestions("en")),
  );
  return all.map((q, i) => ({
    ...q,
    answers: (i * 37 + 11) % 100 < 12 ? [] : q.answers.slice(0, at(ANSWER_COUNTS, i)),
  }));
}
