import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES, type Role } from "~db/enums";
import { Avatar } from "~/components/Avatar";
import { FollowButton } from "~/components/FollowButton";
import { BarChart } from "~/components/BarChart";
import { ServerHtml } from "~/components/ServerHtml";
import { BadgesSection } from "~/components/members/BadgesSection";
import { CredentialsSection } from "~/components/members/CredentialsSection";
import { EraseMemberForm } from "~/components/members/EraseMemberForm";
import { ShareLinks } from "~/components/ShareLinks";
import { MeetupsSection } from "~/components/members/MeetupsSection";
import { PeopleToMeet } from "~/components/PeopleToMeet";
import { ModerationSection } from "~/components/members/ModerationSection";
import { RoleForm } from "~/components/members/RoleForm";
import { StandingSection } from "~/components/members/StandingSection";
import { WorkList } from "~/components/members/WorkList";
import { viewerFollows } from "~/models/follow.server";
import { memberCredentials } from "~/models/credential.server";
import { eraseMember } from "~/models/privacy.server";
import { supportedIdeas } from "~/models/idea.server";
import { listMatches } from "~/models/introduction.server";
import { expertProfile } from "~/models/profile.server";
import { liftRestriction, restrictionEnd, restrictionsOf, restrictMember } from "~/models/suspension.server";
import { RESTRICTION_DAYS } from "~/utils/restriction";
import { photoUrl } from "~/utils/avatar";
import { findUserByHandle, getMemberProfile, setUserRole } from "~/models/user.server";
import { siteOrigin } from "~/utils/feed.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { excerpt } from "~/utils/text";
import { getUser, requireUser, type SessionUser } from "~/utils/auth.server";
import { followIntent } from "~/utils/follow.server";
import { badRequest, formOk, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { ogImageMeta, pageTitle } from "~/utils/meta";
import {
  canChangeRoles,
  canEraseOthers,
  canFollow,
  canModerate,
  canSeeSuggestions,
  canSuspend,
  canTakeBackBadge,
} from "~/utils/permissions";
import { cacheDependsOn } from "~/utils/page-cache.server";
import contentStyles from "~/styles/content.css";
import { forbidden, notFound } from "~/utils/http.server";

const RoleSchema = z.object({ intent: z.literal("role"), role: z.enum(ROLES) });
const reasonField = z.string().trim().min(1, "error.required").max(500, "error.tooLong");
const daysField = z.enum(RESTRICTION_DAYS, { errorMap: () => ({ message: "error.invalid" }) });
/** Suspend and silence name their fields by kind, so both forms on one page have their own ids. */
const RestrictSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("suspend"), "suspend-reason": reasonField, "suspend-days": daysField }),
  z.object({ intent: z.literal("silence"), "silence-reason": reasonField, "silence-days": daysField }),
  z.object({ intent: z.enum(["lift-suspend", "lift-silence"]) }),
]);
const EraseSchema = z.object({
  intent: z.literal("erase"),
  reason: z.string().trim().max(300, "error.tooLong").default(""),
  confirm: z.string().trim(),
  deletePosts: z.literal("1").optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const member = getMemberProfile(params.handle ?? "");
  if (!member) throw notFound();
  cacheDependsOn(context, `member:${member.id}`, "orgs", "list:idea");
  const viewer = await getUser(request);
  const url = `${siteOrigin(request)}/members/${member.handle}`;
  return json({
    member,
    profile: expertProfile(member.id),
    supportedIdeas: supportedIdeas(member.id),
    bioHtml: member.bio ? renderMarkdown(member.bio) : "",
    share: {
      url,
      image: `${url}/og.png`,
      photo: `${siteOrigin(request)}${photoUrl(member.handle, member.avatarFile, 256) ?? `/members/${member.handle}/avatar.svg`}`,
      orgUrl: member.orgSlug ? `${siteOrigin(request)}/orgs/${member.orgSlug}` : null,
    },
    canAsk: viewer?.id !== member.id && !member.erasedAt,
    follow:
      canFollow(viewer, { kind: "member", id: member.id }) && !member.erasedAt
        ? { following: viewerFollows(viewer?.id, "member", member.id) }
        : null,
    canChangeRole: canChangeRoles(viewer) && viewer?.id !== member.id,
    moderation: canModerate(viewer)
      ? { restrictions: restrictionsOf(member.id)!, canRestrict: canSuspend(viewer, member) }
      : null,
    canErase: canEraseOthers(viewer) && viewer?.id !== member.id && !member.erasedAt,
    // Leads see whom the member should meet (docs/people-to-meet.md); the member sees them on the home page.
    suggestions: canSeeSuggestions(viewer, member) ? listMatches(member.id) : [],
    // Signed-in views only (never cached): issuing the missing ones writes.
    credentials:
      viewer && (viewer.id === member.id || canTakeBackBadge(viewer)) && !member.erasedAt
        ? memberCredentials({ userId: member.id, origin: siteOrigin(request), owner: viewer.id === member.id })
        : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const member = findUserByHandle(params.handle ?? "");
  if (!member) throw notFound();
  const formData = await request.formData();
  if (formData.get("intent") === "follow" && getMemberProfile(member.handle)?.erasedAt) throw notFound();
  if (formData.get("intent") === "follow")
    return followIntent({
      user: actor,
      formData,
      kind: "member",
      targetId: member.id,
      back: `/members/${member.handle}`,
    });
  if (formData.get("intent") === "erase") {
    // On the member's request (docs/privacy.md); their own account they delete in /settings.
    if (!canEraseOthers(actor) || actor.id === member.id) throw forbidden();
    const parsed = parseForm(EraseSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, { intent: "erase" });
    const { confirm, reason, deletePosts } = parsed.data;
    if (confirm.toLowerCase() !== member.handle.toLowerCase())
      return badRequest({ confirm: "error.eraseConfirm" }, { intent: "erase" });
    const erased = eraseMember({ userId: member.id, actorId: actor.id, deletePosts: !!deletePosts, reason });
    if (!erased.ok) return badRequest({ confirm: `error.erase.${erased.reason}` }, { intent: "erase" });
    return redirect(`/members/${erased.handle}`);
  }
  if (formData.get("intent") !== "role") return restrict(actor, member, formData);
  // Admins cannot demote themselves: the community must never lose its last admin by accident.
  if (!canChangeRoles(actor) || actor.id === member.id) throw forbidden();
  const parsed = parseForm(RoleSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, { intent: "role" });
  setUserRole({ id: member.id, role: parsed.data.role, actorId: actor.id });
  return formOk({ intent: "role" });
}

/** A lead suspends or silences a member below their role, or lifts it (docs/moderation.md). */
function restrict(actor: SessionUser, member: { id: number; role: Role }, formData: FormData) {
  if (!canSuspend(actor, member)) throw forbidden();
  const intent = String(formData.get("intent"));
  const parsed = parseForm(RestrictSchema, formData);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k.replace(/^\w+-/, ""), v]));
    return badRequest(errors, { intent });
  }
  const input = parsed.data;
  const by = { userId: member.id, moderatorId: actor.id };
  if (input.intent === "suspend")
    restrictMember("suspend", { ...by, reason: input["suspend-reason"], until: restrictionEnd(input["suspend-days"]) });
  else if (input.intent === "silence")
    restrictMember("silence", { ...by, reason: input["silence-reason"], until: restrictionEnd(input["silence-days"]) });
  else liftRestriction(input.intent === "lift-suspend" ? "suspend" : "silence", by);
  return formOk({ intent });
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

/** Link previews (LinkedIn, Slack, X) and search engines: Open Graph, Twitter card and JSON-LD Person. */
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, null);
  const { member, profile, share } = data;
  const title = `${member.name} (@${member.handle})`;
  const description = (member.headline || excerpt(member.bio, 200) || title).trim();
  return [
    ...pageTitle(matches, null, undefined, title, description),
    { tagName: "link", rel: "canonical", href: share.url },
    { property: "og:type", content: "profile" },
    { property: "og:url", content: share.url },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    ...ogImageMeta(share.image, title),
    { property: "profile:username", content: member.handle },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
    {
      "script:ld+json": {
        "@context": "https://schema.org",
        "@type": "Person",
        name: member.name,
        alternateName: `@${member.handle}`,
        url: share.url,
        image: share.photo,
        ...(member.headline ? { jobTitle: member.headline } : {}),
        ...(member.bio ? { description: excerpt(member.bio, 300) } : {}),
        ...(member.orgName && share.orgUrl
          ? { worksFor: { "@type": "Organization", name: member.orgName, url: share.orgUrl } }
          : {}),
        ...(profile.expertise.length || profile.standings.length
          ? { knowsAbout: [...new Set([...profile.expertise, ...profile.standings.map((s) => s.tag)])] }
          : {}),
      },
    },
  ];
};

export default function MemberProfile() {
  const {
    member,
    profile,
    bioHtml,
    canAsk,
    canChangeRole,
    canErase,
    moderation,
    follow,
    supportedIdeas,
    credentials,
    share,
    suggestions,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="profile">
      <header className="profile-header">
        <Avatar name={member.name} size={96} photo={photoUrl(member.handle, member.avatarFile, 256)} />
        <div>
          <h1>{member.name}</h1>
          <p className="muted">@{member.handle}</p>
          {member.headline ? <p className="lead">{member.headline}</p> : null}
          {follow ? <FollowButton kind="member" name={member.name} following={follow.following} /> : null}
          {member.erasedAt ? null : <ShareLinks url={share.url} title={member.name} />}
        </div>
      </header>
      <dl className="facts">
        <dt>{t("profile.role")}</dt>
        <dd>{t(`role.${member.role}`)}</dd>
        {member.orgName && member.orgSlug && member.relation ? (
          <>
            <dt>{t("profile.organisation")}</dt>
            <dd>
              {t(`relation.${member.relation}`)} · <Link to={`/orgs/${member.orgSlug}`}>{member.orgName}</Link>
            </dd>
          </>
        ) : null}
        {member.location ? (
          <>
            <dt>{t("profile.location")}</dt>
            <dd>{member.location}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <span className="reputation-total">{profile.reputation}</span>{" "}
        <span className="muted">{t("reputation.label")}</span>
      </p>
      <dl className="facts">
        <dt>{t("profile.memberSince")}</dt>
        <dd>{formatDate(member.createdAt, locale)}</dd>
        {profile.lastActive ? (
          <>
            <dt>{t("profile.lastActive")}</dt>
            <dd>{formatDate(profile.lastActive, locale)}</dd>
          </>
        ) : null}
      </dl>
      {canAsk ? (
        <p>
          <Link to={`/questions/ask?expert=${encodeURIComponent(member.handle)}`} className="button">
            {t("profile.askExpert", { name: member.name })}
          </Link>
        </p>
      ) : null}
      {bioHtml !== "" ? (
        <ServerHtml className="prose bio" html={bioHtml} />
      ) : (
        <p className="muted">{t("profile.noBio")}</p>
      )}

      <div className="profile-columns">
        <StandingSection expertise={profile.expertise} standings={profile.standings} />
        <BadgesSection badges={profile.badges} />
      </div>
      <PeopleToMeet title={t("meet.forMember", { name: member.name })} suggestions={suggestions} hello={false} />
      {credentials?.length ? <CredentialsSection credentials={credentials} /> : null}

      <BarChart
        title={t("profile.reputationChart")}
        labelHeader={t("profile.month")}
        valueHeader={t("profile.points")}
        rows={profile.monthly.map((m) => ({ label: m.month, value: m.points }))}
      />

      <div className="profile-columns">
        <section aria-labelledby="articles">
          <h2 id="articles">{t("profile.articles")}</h2>
          <WorkList
            items={profile.articles.map((a) => ({
              id: a.id,
              title: a.title,
              lang: a.lang,
              score: a.score,
              url: `/articles/${a.slug}`,
            }))}
          />
        </section>
        <section aria-labelledby="answers">
          <h2 id="answers">{t("profile.bestAnswers")}</h2>
          <WorkList
            items={profile.bestAnswers.map((a) => ({
              id: a.id,
              title: a.title,
              lang: a.lang,
              score: a.score,
              url: `/questions/${a.parentId}#post-${a.id}`,
              accepted: !!a.accepted,
            }))}
          />
        </section>
        <MeetupsSection hosted={profile.meetups.hosted} attended={profile.meetups.attended} />
        {supportedIdeas.length ? (
          <section aria-labelledby="supported-ideas">
            <h2 id="supported-ideas">{t("profile.supportedIdeas")}</h2>
            <ul className="plain-list">
              {supportedIdeas.map((idea) => (
                <li key={idea.id}>
                  <Link to={`/ideas/${idea.id}`} lang={idea.lang ?? undefined}>
                    {idea.title}
                  </Link>{" "}
                  <span className="muted small">{t(`ideas.status.${idea.status}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {moderation ? (
        <ModerationSection
          restrictions={moderation.restrictions}
          canRestrict={moderation.canRestrict}
          errors={actionData?.errors ?? {}}
          intent={String(actionData?.values?.intent ?? "")}
        />
      ) : null}
      {canChangeRole ? (
        <RoleForm
          role={member.role}
          saved={!!actionData?.ok && actionData.values.intent === "role"}
          error={actionData?.errors.role}
        />
      ) : null}
      {canErase ? (
        <EraseMemberForm
          handle={member.handle}
          errors={(actionData?.values as { intent?: string } | undefined)?.intent === "erase" ? actionData!.errors : {}}
        />
      ) : null}
    </article>
  );
}
