import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RELATIONS } from "~db/enums";
import { Field, FormError, SelectField } from "~/components/Field";
import { MemberCard } from "~/components/MemberCard";
import {
  assignMember,
  getOrganisationBySlug,
  listOrganisationPeople,
  removeMember,
  setEmployeeExpert,
} from "~/models/organisation.server";
import { getProviderSettings, parseDomains, removeProvider, saveProvider } from "~/models/oidc.server";
import { findUserByHandle } from "~/models/user.server";
import { env } from "~/utils/env.server";
import { isAllowedIssuer } from "~/utils/oidc.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { badRequest, formOk, parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canAssignMembers, canManageOrganisations, canMarkExpert } from "~/utils/permissions";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { forbidden, notFound } from "~/utils/http.server";
import { formAnswer } from "~/utils/form-answer";

const userId = z.coerce.number().int().positive();
const OrgActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    handle: z.string().trim().min(1, "error.required").max(30, "error.unknownMember"),
    relation: z.enum(RELATIONS),
  }),
  z.object({ intent: z.literal("remove"), userId }),
  z.object({ intent: z.literal("expert"), userId, expert: z.enum(["1", "0"]) }),
  z.object({
    intent: z.literal("oidc"),
    issuer: z.string().trim().max(500, "error.oidcIssuer").refine(isAllowedIssuer, "error.oidcIssuer"),
    clientId: z.string().trim().min(1, "error.required").max(500, "error.tooLong"),
    clientSecret: z.string().trim().max(2000, "error.tooLong"),
    domains: z
      .string()
      .transform(parseDomains)
      .refine((d) => d.length >= 1 && d.length <= 20 && d.every((x) => DOMAIN.test(x)), "error.oidcDomains"),
    joinAsEmployee: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("oidc-remove") }),
]);

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

function loadOrganisation(slug: string | undefined) {
  const org = getOrganisationBySlug(slug ?? "");
  if (!org) throw notFound();
  return org;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "orgs", "members");
  const org = loadOrganisation(params.slug);
  const user = await getUser(request);
  const callback = new URL(`/auth/oidc/${org.slug}/callback`, env().PUBLIC_URL || new URL(request.url).origin).href;
  return json({
    org,
    people: listOrganisationPeople(org.id),
    canAssign: canAssignMembers(user),
    canMarkExpert: canMarkExpert(user),
    // Admins set up "sign in with" the organisation; the client secret is never sent back.
    signIn: canManageOrganisations(user) ? { settings: getProviderSettings(org.id), callback } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const org = loadOrganisation(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(OrgActionSchema, formData);
  if (!parsed.ok) {
    const { clientSecret: _secret, ...values } = Object.fromEntries(formData);
    return badRequest(parsed.errors, values);
  }
  const input = parsed.data;
  if (input.intent === "expert") {
    if (!canMarkExpert(actor)) throw forbidden();
    const changed = setEmployeeExpert({
      actorId: actor.id,
      orgId: org.id,
      userId: input.userId,
      expert: input.expert === "1",
    });
    if (!changed) return badRequest({ form: "error.notAnEmployee" });
    return formOk();
  }
  if (input.intent === "oidc" || input.intent === "oidc-remove") {
    if (!canManageOrganisations(actor)) throw forbidden();
    if (input.intent === "oidc-remove") {
      removeProvider({ actorId: actor.id, orgId: org.id });
      return formOk();
    }
    const { clientSecret, joinAsEmployee, intent: _intent, ...settings } = input;
    const saved = saveProvider({
      actorId: actor.id,
      orgId: org.id,
      ...settings,
      clientSecret,
      joinAsEmployee: !!joinAsEmployee,
    });
    const { clientSecret: _secret, ...values } = Object.fromEntries(formData);
    if (!saved) return badRequest({ clientSecret: "error.oidcSecret" }, values);
    return formOk();
  }
  if (!canAssignMembers(actor)) throw forbidden();
  if (input.intent === "remove") {
    removeMember({ actorId: actor.id, orgId: org.id, userId: input.userId });
    return formOk();
  }
  const member = findUserByHandle(input.handle.replace(/^@/, ""));
  if (!member) return badRequest({ handle: "error.unknownMember" }, { handle: input.handle, relation: input.relation });
  assignMember({ actorId: actor.id, orgId: org.id, userId: member.id, relation: input.relation });
  return formOk();
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data?.org.name);

export default function OrganisationPage() {
  const { org, people, canAssign, canMarkExpert, signIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { errors, values } = formAnswer(actionData);
  return (
    <article>
      <h1>{org.name}</h1>
      <p className="muted">
        <span className={`badge kind-${org.kind}`}>{t(`orgKind.${org.kind}`)}</span>{" "}
        {org.website ? (
          <a href={org.website} rel="nofollow noopener">
            {t("orgs.website")}
          </a>
        ) : null}
      </p>
      {org.description ? <p className="lead">{org.description}</p> : null}
      <p>
        <Link to={`/orgs/${org.slug}/roadmap`}>{t("roadmap.link", { org: org.name })}</Link>
      </p>
      <h2>{t("orgs.people")}</h2>
      <FormError error={errors.form} />
      {people.length ? (
        <ul className="member-list grid">
          {people.map((p) => (
            <MemberCard key={p.id} member={{ ...p, orgName: org.name }}>
              {canMarkExpert && p.relation === "employee" && (p.role === "member" || p.role === "expert") ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="expert" />
                  <input type="hidden" name="userId" value={p.id} />
                  <input type="hidden" name="expert" value={p.role === "expert" ? "0" : "1"} />
                  <button type="submit" className="small-button">
                    {p.role === "expert" ? t("orgs.unmakeExpert") : t("orgs.makeExpert")}
                  </button>
                </Form>
              ) : null}
              {canAssign ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={p.id} />
                  <button type="submit" className="small-button secondary">
                    {t("orgs.remove")}
                  </button>
                </Form>
              ) : null}
            </MemberCard>
          ))}
        </ul>
      ) : (
        <p>{t("orgs.noPeople")}</p>
      )}
      {canAssign ? (
        <section className="narrow">
          <h2>{t("orgs.assign")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="assign" />
            <Field
              name="handle"
              label={t("field.memberHandle")}
              required
              defaultValue={values.handle}
              error={errors.handle}
            />
            <SelectField
              name="relation"
              label={t("field.relation")}
              defaultValue={values.relation}
              error={errors.relation}
              options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
            />
            <button type="submit">{t("orgs.assignSubmit")}</button>
          </Form>
        </section>
      ) : null}
      {signIn ? (
        <section className="narrow sign-in-settings" aria-labelledby="sign-in-title">
          <h2 id="sign-in-title">{t("oidc.settingsTitle", { org: org.name })}</h2>
          <p>{t("oidc.settingsIntro", { org: org.name, callback: signIn.callback })}</p>
          {signIn.settings ? <p role="status">{t("oidc.configured", { issuer: signIn.settings.issuer })}</p> : null}
          {/* A full page load: the typed secret must not stay in the page once sent. */}
          <Form method="post" className="stack" noValidate reloadDocument>
            <input type="hidden" name="intent" value="oidc" />
            <Field
              name="issuer"
              type="url"
              label={t("oidc.issuer")}
              hint={t("oidc.issuerHint")}
              required
              defaultValue={values.issuer ?? signIn.settings?.issuer}
              error={errors.issuer}
            />
            <Field
              name="clientId"
              label={t("oidc.clientId")}
              required
              defaultValue={values.clientId ?? signIn.settings?.clientId}
              error={errors.clientId}
            />
            <Field
              name="clientSecret"
              type="password"
              label={t("oidc.clientSecret")}
              hint={t("oidc.clientSecretHint")}
              autoComplete="off"
              error={errors.clientSecret}
            />
            <Field
              name="domains"
              label={t("oidc.domains")}
              hint={t("oidc.domainsHint")}
              required
              defaultValue={values.domains ?? signIn.settings?.domains.split(",").join(", ")}
              error={errors.domains}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                name="joinAsEmployee"
                defaultChecked={
                  values.intent === "oidc" ? !!values.joinAsEmployee : (signIn.settings?.joinAsEmployee ?? true)
                }
              />{" "}
              {t("oidc.joinAsEmployee")}
            </label>
            <button type="submit">{t("oidc.save")}</button>
          </Form>
          {signIn.settings ? (
            <Form method="post">
              <input type="hidden" name="intent" value="oidc-remove" />
              <button type="submit" className="secondary">
                {t("oidc.remove")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
