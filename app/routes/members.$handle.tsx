import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "~db/schema";
import { Avatar } from "~/components/Avatar";
import { SelectField } from "~/components/Field";
import { findUserByHandle, getMemberProfile, setUserRole } from "~/models/user.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { badRequest, formOk, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canChangeRoles } from "~/utils/permissions";
import { cacheDependsOn } from "~/utils/page-cache.server";

const RoleSchema = z.object({ intent: z.literal("role"), role: z.enum(ROLES) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const member = getMemberProfile(params.handle ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  cacheDependsOn(context, `member:${member.id}`, "orgs");
  const viewer = await getUser(request);
  return json({ member, canChangeRole: canChangeRoles(viewer) && viewer?.id !== member.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const member = findUserByHandle(params.handle ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  // Admins cannot demote themselves: the community must never lose its last admin by accident.
  if (!canChangeRoles(actor) || actor.id === member.id) throw new Response("Forbidden", { status: 403 });
  const parsed = parseForm(RoleSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  setUserRole({ id: member.id, role: parsed.data.role, actorId: actor.id });
  return formOk({ intent: "role" });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data ? `${data.member.name} (@${data.member.handle})` : undefined);

export default function MemberProfile() {
  const { member, canChangeRole } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      {canChangeRole ? (
        <Form method="post" className="stack narrow">
          <input type="hidden" name="intent" value="role" />
          {actionData?.ok ? (
            <p className="notice" role="status">
              {t("profile.roleSaved")}
            </p>
          ) : null}
          <SelectField
            name="role"
            label={t("profile.changeRole")}
            defaultValue={member.role}
            error={actionData?.errors.role}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <button type="submit">{t("profile.changeRole")}</button>
        </Form>
      ) : null}
    </article>
  );
}
