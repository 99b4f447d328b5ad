import {
  json,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  LOCALES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  THEMES,
  type NotificationChannel,
  type NotificationKind,
} from "~db/enums";
import { Field, SelectField, TextAreaField } from "~/components/Field";
import { notificationSettings, saveNotificationSettings } from "~/models/notification.server";
import { expertiseOf, MAX_EXPERTISE_TAGS, setExpertise } from "~/models/profile.server";
import { findUserById, removeCalendarToken, renewCalendarToken, updateProfile } from "~/models/user.server";
import { siteOrigin } from "~/utils/feed.server";
import { changePassword, getSession, requireUser, verifyPassword } from "~/utils/auth.server";
import { badRequest, formOk, parseForm, type FormErrors } from "~/utils/forms.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { localeCookie, themeCookie } from "~/utils/preferences.server";
import { nameField, newPasswordField, optionalText, parseTagList, TAG_PATTERN } from "~/utils/validation";

const channelField = z.enum(NOTIFICATION_CHANNELS);

/** One select per notification kind: `channel_answer`, `channel_comment`… */
function channelFields() {
  const shape = {} as { [K in NotificationKind as `channel_${K}`]: typeof channelField };
  for (const kind of NOTIFICATION_KINDS) shape[`channel_${kind}`] = channelField;
  return shape;
}

const SettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("profile"),
    name: nameField,
    headline: optionalText(120),
    bio: optionalText(2000),
    location: optionalText(80),
    locale: z.enum(["", ...LOCALES]).transform((v) => (v === "" ? null : v)),
    theme: z.enum(THEMES),
    expertise: z
      .string()
      .max(400, "error.tooLong")
      .default("")
      .transform(parseTagList)
      .refine((names) => names.length <= MAX_EXPERTISE_TAGS, "error.tooManyTags")
      .refine((names) => names.every((n) => TAG_PATTERN.test(n)), "error.tagFormat"),
  }),
  z.object({
    intent: z.literal("notifications"),
    digest: z.enum(["weekly", "off"]),
    ...channelFields(),
  }),
  z.object({ intent: z.literal("calendar") }),
  z.object({ intent: z.literal("calendar-off") }),
  z.object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1, "error.required").max(200, "error.currentPasswordWrong"),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const user = findUserById(sessionUser.id);
  if (!user) throw new Response("Not found", { status: 404 });
  const { name, handle, headline, bio, location, locale, theme } = user;
  const expertise = expertiseOf(user.id).join(", ");
  // Only the secret's hash is stored: the address itself is shown once, by the action that makes it.
  const calendar = user.calendarTokenHash ? { createdAt: user.calendarTokenCreatedAt?.toISOString() ?? null } : null;
  return json({
    profile: { name, handle, headline, bio, location, locale, theme, expertise },
    notifications: notificationSettings(user.id),
    calendar,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(SettingsSchema, formData);
  const intent = formData.get("intent");
  if (!parsed.ok) return badRequest(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "profile") {
    const { expertise, ...profile } = input;
    updateProfile({ id: user.id, ...profile });
    setExpertise(user.id, expertise);
    const headers = new Headers();
    if (input.locale) headers.append("Set-Cookie", localeCookie(input.locale));
    headers.append("Set-Cookie", themeCookie(input.theme));
    return formOk({ intent: input.intent }, headers);
  }
  if (input.intent === "calendar") {
    const token = renewCalendarToken(user.id);
    // This answer is the one place the address is ever shown: no cache may keep it.
    return formOk(
      { intent: input.intent, calendarUrl: `${siteOrigin(request)}/calendar/${token}.ics` },
      { "Cache-Control": "no-store" },
    );
  }
  if (input.intent === "calendar-off") {
    removeCalendarToken(user.id);
    return formOk({ intent: input.intent });
  }
  if (input.intent === "notifications") {
    const channels = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, input[`channel_${kind}`]])) as Record<
      NotificationKind,
      NotificationChannel
    >;
    saveNotificationSettings(user.id, { channels, digest: input.digest });
    return formOk({ intent: input.intent });
  }
  if (input.newPassword !== input.confirmPassword)
    return badRequest({ confirmPassword: "error.passwordMismatch" }, { intent });
  const account = findUserById(user.id);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    return badRequest({ currentPassword: "error.currentPasswordWrong" }, { intent });
  }
  const current = await getSession(request);
  await changePassword({ userId: user.id, newPassword: input.newPassword, currentSessionId: current!.session.id });
  return formOk({ intent: input.intent });
}

// A page answered by an action takes only the action's cookies unless the route passes on more: here, that
// the answer showing a new calendar address may not be kept by any cache.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const cacheControl = actionHeaders.get("Cache-Control");
  return cacheControl ? { "Cache-Control": cacheControl } : new Headers();
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export default function Settings() {
  const { profile, notifications, calendar } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const intent = (actionData?.values as { intent?: string } | undefined)?.intent;
  const errors: FormErrors = actionData?.errors ?? {};
  const profileErrors = intent === "profile" ? errors : {};
  const passwordErrors = intent === "password" ? errors : {};
  const saved = actionData?.ok ? intent : undefined;
  const newCalendarUrl =
    saved === "calendar" ? (actionData?.values as { calendarUrl?: string }).calendarUrl : undefined;
  return (
    <section className="narrow">
      <h1>{t("settings.title")}</h1>
      <p>
        <Link to={`/members/${profile.handle}`}>{t("settings.viewProfile")}</Link>
      </p>
      <h2>{t("settings.profile")}</h2>
      {saved === "profile" ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      {/* A full page load, so a new language arrives with its dictionary (the browser holds only one). */}
      <Form method="post" className="stack" noValidate reloadDocument>
        <input type="hidden" name="intent" value="profile" />
        <Field name="name" label={t("field.name")} defaultValue={profile.name} required error={profileErrors.name} />
        <Field
          name="headline"
          label={t("field.headline")}
          hint={t("field.headlineHint")}
          defaultValue={profile.headline}
          error={profileErrors.headline}
        />
        <TextAreaField
          name="bio"
          label={t("field.bio")}
          rows={5}
          defaultValue={profile.bio}
          error={profileErrors.bio}
        />
        <Field
          name="location"
          label={t("field.location")}
          defaultValue={profile.location}
          error={profileErrors.location}
        />
        <Field
          name="expertise"
          label={t("settings.expertise")}
          hint={t("settings.expertiseHint")}
          defaultValue={profile.expertise}
          error={profileErrors.expertise}
        />
        <SelectField
          name="locale"
          label={t("field.language")}
          defaultValue={profile.locale ?? ""}
          error={profileErrors.locale}
          options={[{ value: "", label: t("lang.auto") }, ...LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))]}
        />
        <SelectField
          name="theme"
          label={t("field.theme")}
          defaultValue={profile.theme}
          error={profileErrors.theme}
          options={THEMES.map((th) => ({ value: th, label: t(`theme.${th}`) }))}
        />
        <button type="submit" disabled={busy}>
          {t("settings.save")}
        </button>
      </Form>
      <h2 id="notifications">{t("settings.notifications")}</h2>
      {saved === "notifications" ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate aria-labelledby="notifications">
        <input type="hidden" name="intent" value="notifications" />
        <p className="muted">{t("settings.notificationsHelp")}</p>
        {NOTIFICATION_KINDS.map((kind) => (
          <SelectField
            key={kind}
            name={`channel_${kind}`}
            label={t(`notificationKind.${kind}`)}
            defaultValue={notifications.channels[kind]}
            options={NOTIFICATION_CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
          />
        ))}
        <SelectField
          name="digest"
          label={t("settings.digest")}
          defaultValue={notifications.digest}
          options={[
            { value: "weekly", label: t("digest.weekly") },
            { value: "off", label: t("digest.off") },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("settings.saveNotifications")}
        </button>
      </Form>
      <h2 id="calendar">{t("settings.calendar")}</h2>
      <p className="muted">{t("settings.calendarHelp")}</p>
      {newCalendarUrl ? (
        <div className="notice" role="status">
          <p>{t("settings.calendarShownOnce")}</p>
          <p>
            <code className="calendar-url">{newCalendarUrl}</code>
          </p>
        </div>
      ) : saved === "calendar-off" ? (
        <p className="notice" role="status">
          {t("settings.calendarTurnedOff")}
        </p>
      ) : calendar ? (
        <p>
          {calendar.createdAt
            ? t("settings.calendarSince", { date: formatDate(calendar.createdAt, locale) })
            : t("settings.calendarExists")}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="calendar" />
        <button type="submit" className="secondary">
          {calendar ? t("settings.calendarReset") : t("settings.calendarCreate")}
        </button>
      </Form>
      {calendar ? (
        <Form method="post">
          <input type="hidden" name="intent" value="calendar-off" />
          <button type="submit" className="secondary">
            {t("settings.calendarOff")}
          </button>
        </Form>
      ) : null}
      <h2>{t("settings.password")}</h2>
      {saved === "password" ? (
        <p className="notice" role="status">
          {t("settings.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="password" />
        <Field
          name="currentPassword"
          type="password"
          label={t("field.currentPassword")}
          autoComplete="current-password"
          required
          error={passwordErrors.currentPassword}
        />
        <Field
          name="newPassword"
          type="password"
          label={t("field.newPassword")}
          hint={t("field.passwordHint")}
          autoComplete="new-password"
          required
          error={passwordErrors.newPassword}
        />
        <Field
          name="confirmPassword"
          type="password"
          label={t("field.confirmPassword")}
          autoComplete="new-password"
          required
          error={passwordErrors.confirmPassword}
        />
        <button type="submit" disabled={busy}>
          {t("settings.changePassword")}
        </button>
      </Form>
    </section>
  );
}
