import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Avatar } from "~/components/Avatar";
import { getMemberProfile } from "~/models/user.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const member = getMemberProfile(params.handle ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  return json({ member });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data ? `${data.member.name} (@${data.member.handle})` : undefined);

export default function MemberProfile() {
  const { member } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="profile">
      <header className="profile-header">
        <Avatar name={member.name} size={96} />
        <div>
          <h1>{member.name}</h1>
          <p className="muted">@{member.handle}</p>
          {member.headline ? <p className="lead">{member.headline}</p> : null}
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
      <p className="muted">{t("members.memberSince", { date: formatDate(member.createdAt, locale) })}</p>
      {member.bio ? <p className="bio">{member.bio}</p> : <p className="muted">{t("profile.noBio")}</p>}
    </article>
  );
}
