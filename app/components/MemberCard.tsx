import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Relation, Role } from "~db/enums";
import { photoUrl } from "~/utils/avatar";
import { useT } from "~/utils/i18n";
import { Avatar } from "./Avatar";

export type MemberCardData = {
  name: string;
  handle: string;
  role: Role;
  headline: string;
  orgName?: string | null;
  relation?: Relation | null;
  reputation?: number;
  avatarFile?: string | null;
};

export function MemberCard({ member, children }: { member: MemberCardData; children?: ReactNode }) {
  const t = useT();
  return (
    <li className="member-card">
      <Avatar name={member.name} photo={photoUrl(member.handle, member.avatarFile, 64)} />
      <div>
        <Link to={`/members/${member.handle}`} className="member-name">
          {member.name}
        </Link>{" "}
        <span className="muted">@{member.handle}</span>
        {member.role !== "member" ? (
          <span className={`badge role-${member.role}`}>{t(`role.${member.role}`)}</span>
        ) : null}
        {member.reputation ? (
          <span className="muted small"> · {t("reputation.points", { count: member.reputation })}</span>
        ) : null}
        {member.headline ? <p className="member-headline">{member.headline}</p> : null}
        {member.orgName && member.relation ? (
          <p className="muted small">
            {t("members.affiliation", { relation: t(`relation.${member.relation}`), org: member.orgName })}
          </p>
        ) : null}
      </div>
      {children ? <div className="row-actions">{children}</div> : null}
    </li>
  );
}
