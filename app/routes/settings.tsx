import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FOLLOW_KINDS,
  LOCALES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  THEMES,
  type NotificationChannel,
  type NotificationKind,
} from "~db/enums";
import { CalendarSection } from "~/components/settings/CalendarSection";
import { RoutingSection } from "~/components/settings/RoutingSection";
import { FollowingSection } from "~/components/settings/FollowingSection";
import { NotificationsForm } from "~/components/settings/NotificationsForm";
import { PasswordForm } from "~/components/settings/PasswordForm";
import { PhotoSection } from "~/components/settings/PhotoSection";
import { CardSection } from "~/components/settings/CardSection";
import { PrivacySection } from "~/components/settings/PrivacySection";
import { ProfileForm } from "~/components/settings/ProfileForm";
import { autoFollowOn, followsOf, setAutoFollow, setFollowing } from "~/models/follow.server";
import { isRoutable, setRoutable } from "~/models/routing.server";
import { notificationSettings, saveNotificationSettings } from "~/models/notification.server";
import { eraseMember } from "~/models/privacy.server";
import { removePhoto, setPhoto } from "~/models/photo.server";
import { expertiseOf, MAX_EXPERTISE_TAGS, setExpertise } from "~/models/profile.server";
import { findUserById, removeCalendarToken, renewCalendarToken, updateProfile } from "~/models/user.server";
import { siteOrigin } from "~/utils/feed.server";
import { changePassword, getSession, logout, requireUser, verifyPassword } from "~/utils/auth.server";
import { badRequest, formOk, parseForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { localeCookie, themeCookie } from "~/utils/preferences.server";
import { nameField, newPasswordField, optionalText, parseTagList, TAG_PATTERN } from "~/utils/validation";
import { notFound } from "~/utils/http.server";
import { isMultipart, readPhotoUpload } from "~/utils/photo-upload.server";
import { embedCodes } from "~/utils/expert-card.server";

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
  z.object({ intent: z.literal("auto-follow"), autoFollow: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("routing"), routable: z.enum(["on", "off"]) }),
  z.object({
    intent: z.literal("unfollow"),
    kind: z.enum(FOLLOW_KINDS),
    targetId: z.coerce.number().int().positive(),
  }),
  z.object({ intent: z.literal("calendar") }),
  z.object({ intent: z.literal("photo-remove") }),
  z.object({ intent: z.literal("calendar-off") }),
  z.object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1, "error.required").max(200, "error.currentPasswordWrong"),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  }),
  z.object({
    intent: z.literal("erase"),
    erasePassword: z.string().min(1, "error.required").max(200, "error.currentPasswordWrong"),
    deletePosts: z.literal("1").optional(),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const user = findUserById(sessionUser.id);
  if (!user) throw notFound();
  const { name, handle, headline, bio, location, locale, theme, avatarFile } = user;
  const expertise = expertiseOf(user.id).join(", ");
  // Only the secret's hash is stored: the address itself is shown once, by the action that makes it.
  const calendar = user.calendarTokenHash ? { createdAt: user.calendarTokenCreatedAt?.toISOString() ?? null } : null;
  return json({
    profile: { name, handle, headline, bio, location, locale, theme, expertise },
    notifications: notificationSettings(user.id),
    following: { items: followsOf(user.id), autoFollow: autoFollowOn(user.id) },
    routable: isRoutable(user.id),
    calendar,
    photo: { name, handle, avatarFile },
    card: {
      preview: `/members/${handle}/card.svg?v=${user.reputation}`,
      ...embedCodes({ origin: siteOrigin(request), handle, name }),
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The photo form is the one multipart form: read as a stream with a size limit, never buffered whole.
  if (isMultipart(request)) return photoUpload(user.id, request);
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
  if (input.intent === "auto-follow") {
    setAutoFollow(user.id, input.autoFollow === "on");
    return formOk({ intent: input.intent });
  }
  if (input.intent === "routing") {
    setRoutable(user.id, input.routable === "on");
    return formOk({ intent: input.intent });
  }
  if (input.intent === "unfollow") {
    setFollowing({ userId: user.id, kind: input.kind, targetId: input.targetId, value: false });
    return redirect("/settings#following", 303);
  }
  if (input.intent === "photo-remove") {
    removePhoto(user.id);
    return formOk({ intent: input.intent });
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
  if (input.intent === "erase") {
    const account = findUserById(user.id);
    if (!account || !(await verifyPassword(account.passwordHash, input.erasePassword)))
      return badRequest({ erasePassword: "error.currentPasswordWrong" }, { intent });
    const erased = eraseMember({ userId: user.id, actorId: user.id, deletePosts: !!input.deletePosts });
    if (!erased.ok) return badRequest({ form: `error.erase.${erased.reason}` }, { intent });
    // Their sessions are gone with the rest; this clears the cookie.
    return redirect("/privacy?erased=1", { headers: { "Set-Cookie": await logout(request) } });
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

async function photoUpload(userId: number, request: Request) {
  const upload = await readPhotoUpload(request);
  if (!upload.ok) return badRequest({ photo: upload.error }, { intent: "photo" });
  const stored = await setPhoto({ userId, bytes: upload.bytes });
  if (!stored.ok) return badRequest({ photo: stored.error }, { intent: "photo" });
  return formOk({ intent: "photo" });
}

// A page answered by an action takes only the action's cookies unless the route passes on more: here, that
// the answer showing a new calendar address may not be kept by any cache.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const cacheControl = actionHeaders.get("Cache-Control");
  return cacheControl ? { "Cache-Control": cacheControl } : new Headers();
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export default function Settings() {
  const { profile, notifications, following, calendar, routable, photo, card } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const intent = (actionData?.values as { intent?: string } | undefined)?.intent;
  const errors: FormErrors = actionData?.errors ?? {};
  const saved = actionData?.ok ? intent : undefined;
  const newCalendarUrl =
    saved === "calendar" ? (actionData?.values as { calendarUrl?: string }).calendarUrl : undefined;
  return (
    <section className="narrow">
      <h1>{t("settings.title")}</h1>
      <p>
        <Link to={`/members/${profile.handle}`}>{t("settings.viewProfile")}</Link>
      </p>
      <ProfileForm
        profile={profile}
        errors={intent === "profile" ? errors : {}}
        saved={saved === "profile"}
        busy={busy}
      />
      <PhotoSection
        {...photo}
        error={intent === "photo" ? errors.photo : undefined}
        saved={saved === "photo" || saved === "photo-remove" ? saved : undefined}
        busy={busy}
      />
      <CardSection {...card} />
      <NotificationsForm settings={notifications} saved={saved === "notifications"} busy={busy} />
      <FollowingSection
        items={following.items}
        autoFollow={following.autoFollow}
        saved={saved === "auto-follow"}
        busy={busy}
      />
      <RoutingSection routable={routable} saved={saved === "routing"} busy={busy} />
      <CalendarSection calendar={calendar} newUrl={newCalendarUrl} turnedOff={saved === "calendar-off"} />
      <PasswordForm errors={intent === "password" ? errors : {}} saved={saved === "password"} busy={busy} />
      <PrivacySection errors={intent === "erase" ? errors : {}} busy={busy} />
    </section>
  );
}
