import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { Pagination, parsePage } from "~/components/Pagination";
import { eventCities, listEvents } from "~/models/event.server";
import { listTags } from "~/models/tag.server";
import { getUser } from "~/utils/auth.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canCreateEvent } from "~/utils/permissions";

/** Not page-cached: "upcoming" and "past" move with the clock. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const when = url.searchParams.get("when") === "past" ? "past" : "upcoming";
  const tag = (url.searchParams.get("tag") ?? "").trim().toLowerCase().slice(0, 40);
  const city = (url.searchParams.get("city") ?? "").trim().slice(0, 80);
  const modeParam = url.searchParams.get("mode");
  const mode = modeParam === "online" || modeParam === "offline" ? modeParam : undefined;
  const page = parsePage(url);
  const user = await getUser(request);
  return json({
    when,
    tag,
    city,
    mode: mode ?? "",
    page,
    ...listEvents({ when, tag: tag || undefined, city: city || undefined, mode, page, perPage: 20 }),
    cities: eventCities(),
    tags: listTags({ page: 1, perPage: 60 }).tags.map((t) => t.name),
    canCreate: canCreateEvent(user),
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.title");

export default function Events() {
  const { when, tag, city, mode, page, items, hasMore, cities, tags, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="title-row">
        <h1>{t("events.title")}</h1>
        {canCreate ? (
          <Link to="/events/new" className="button">
            {t("events.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("events.intro")}</p>
      <nav className="tabs" aria-label={t("events.title")}>
        <NavLink to="/events" end className={() => (when === "upcoming" ? "active" : "")}>
          {t("events.upcoming")}
        </NavLink>
        <NavLink to="/events?when=past" className={() => (when === "past" ? "active" : "")}>
          {t("events.past")}
        </NavLink>
      </nav>
      <Form method="get" className="filters">
        <input type="hidden" name="when" value={when} />
        <SelectField
          name="tag"
          label={t("events.filterTag")}
          defaultValue={tag}
          options={[{ value: "", label: t("events.anyTag") }, ...tags.map((n) => ({ value: n, label: n }))]}
        />
        <SelectField
          name="city"
          label={t("events.filterCity")}
          defaultValue={city}
          options={[{ value: "", label: t("events.anyCity") }, ...cities.map((c) => ({ value: c, label: c }))]}
        />
        <SelectField
          name="mode"
          label={t("events.filterMode")}
          defaultValue={mode}
          options={[
            { value: "", label: t("events.anyMode") },
            { value: "offline", label: t("events.offline") },
            { value: "online", label: t("events.online") },
          ]}
        />
        <button type="submit">{t("events.filter")}</button>
      </Form>
      {items.length ? (
        <ul className="post-list">
          {items.map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`} className="post-title">
                {e.status === "cancelled" ? <s>{e.title}</s> : e.title}
              </Link>
              {e.status === "cancelled" ? <span className="badge">{t("events.cancelled")}</span> : null}
              <p className="muted small">
                <time dateTime={e.startsAt}>{formatDate(e.startsAt, locale, "datetime", e.timezone)}</time> ·{" "}
                {e.city || t("events.online")} · {t("events.going", { count: e.going })}
                {e.capacity !== null && e.going >= e.capacity && e.status !== "cancelled"
                  ? ` · ${t("events.full")}`
                  : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("events.none")}</p>
      )}
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
