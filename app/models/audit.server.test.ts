import { describe, expect, it } from "vitest";
import { addToOrganisation, makeOrganisation, makeUser } from "../../test/factories";
import { db, writeTransaction } from "~/utils/db.server";
import { allAudit, auditLinks, listAudit, parseAuditFilter, recordAudit } from "./audit.server";
import { recordHealthAction } from "./health.server";
import { assignMember, createOrganisation, removeMember, setEmployeeExpert } from "./organisation.server";
import { createAnswer, createQuestion, setPostDeleted } from "./post.server";
import { setUserRole } from "./user.server";

const sqlite = db.$client;
const lastId = () => (sqlite.prepare("select coalesce(max(id), 0) from audit_log").pluck().get() as number) ?? 0;

/** The audit rows `write` adds. */
function written(write: () => unknown) {
  const before = lastId();
  write();
  return sqlite
    .prepare("select actor_id as actorId, action, subject, detail from audit_log where id > ? order by id")
    .all(before);
}

describe("the audit log is append-only", () => {
  it("refuses to change or remove a row, even by hand in SQL", async () => {
    const lead = await makeUser({ role: "lead" });
    writeTransaction((tx) =>
      recordAudit(tx, { actorId: lead.id, action: "post.hide", subject: "post:1", detail: "spam" }),
    );
    const id = lastId();
    expect(() => sqlite.prepare("update audit_log set detail = 'nothing happened' where id = ?").run(id)).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("delete from audit_log where id = ?").run(id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_log").run()).toThrow(/append-only/);
    expect(sqlite.prepare("select detail from audit_log where id = ?").pluck().get(id)).toBe("spam");
  });
});

describe("each lead and admin action writes one audit row in its transaction", () => {
  it("a role change: who, whom, and from what to what", async () => {
    const admin = await makeUser({ role: "admin" });
    const member = await makeUser();
    expect(written(() => setUserRole({ id: member.id, role: "lead", actorId: admin.id }))).toEqual([
      { actorId: admin.id, action: "user.role", subject: `user:${member.id}`, detail: "member → lead" },
    ]);
    // Choosing the role a member already has changes nothing and logs nothing.
    expect(written(() => setUserRole({ id: member.id, role: "lead", actorId: admin.id }))).toEqual([]);
  });

  it("marking and unmarking an employee as expert", async () => {
    const lead = await makeUser({ role: "lead" });
    const employee = await makeUser();
    const org = makeOrganisation();
    addToOrganisation({ orgId: org.id, userId: employee.id, relation: "employee" });
    const mark = (expert: boolean) =>
      written(() => setEmployeeExpert({ actorId: lead.id, orgId: org.id, userId: employee.id, expert }));
    expect(mark(true)).toEqual([
      {
        actorId: lead.id,
        action: "user.expert",
        subject: `user:${employee.id}`,
        detail: `member → expert (org:${org.id})`,
      },
    ]);
    expect(mark(true)).toEqual([]);
    expect(mark(false)).toEqual([
      expect.objectContaining({ action: "user.expert", detail: `expert → member (org:${org.id})` }),
    ]);
  });

  it("creating an organisation, assigning a member, moving them, and removing them", async () => {
    const admin = await makeUser({ role: "admin" });
    const member = await makeUser();
    let orgId = 0;
    expect(
      written(() => {
        orgId = createOrganisation({
          actorId: admin.id,
          slug: "audit-org",
          name: "Audit Org",
          kind: "vendor",
          description: "",
          website: "",
        }).id;
      }),
    ).toEqual([{ actorId: admin.id, action: "org.create", subject: `org:${orgId}`, detail: "Audit Org" }]);
    const other = makeOrganisation();
    const assign = (org: number, relation: "employee" | "partner") =>
      written(() => assignMember({ actorId: admin.id, orgId: org, userId: member.id, relation }));
    expect(assign(orgId, "employee")).toEqual([
      { actorId: admin.id, action: "org.member", subject: `user:${member.id}`, detail: `org:${orgId} employee` },
    ]);
    expect(assign(other.id, "partner")).toEqual([
      {
        actorId: admin.id,
        action: "org.member",
        subject: `user:${member.id}`,
        detail: `org:${orgId} employee → org:${other.id} partner`,
      },
    ]);
    expect(assign(other.id, "partner")).toEqual([]);
    expect(written(() => removeMember({ actorId: admin.id, orgId: other.id, userId: member.id }))).toEqual([
      { actorId: admin.id, action: "org.remove", subject: `user:${member.id}`, detail: `org:${other.id}` },
    ]);
  });

  it("a lead deleting and restoring someone else's post; an author's own delete is not moderation", async () => {
    const lead = await makeUser({ role: "lead" });
    const author = await makeUser();
    const q = createQuestion({
      authorId: author.id,
      title: "How do I rotate the audit keys?",
      body: "Asking for a friend.",
      tags: ["audit"],
    });
    const answer = createAnswer({ authorId: author.id, questionId: q.id, body: "Rotate them monthly." })!;
    expect(written(() => setPostDeleted({ postId: answer.id, deleted: true, actorId: author.id }))).toEqual([]);
    expect(written(() => setPostDeleted({ postId: answer.id, deleted: false, actorId: author.id }))).toEqual([]);
    expect(written(() => setPostDeleted({ postId: q.id, deleted: true, actorId: lead.id }))).toEqual([
      { actorId: lead.id, action: "post.delete", subject: `post:${q.id}`, detail: "" },
    ]);
    // Deleting what is already deleted changes nothing.
    expect(written(() => setPostDeleted({ postId: q.id, deleted: true, actorId: lead.id }))).toEqual([]);
    expect(written(() => setPostDeleted({ postId: q.id, deleted: false, actorId: lead.id }))).toEqual([
      { actorId: lead.id, action: "post.restore", subject: `post:${q.id}`, detail: "" },
    ]);
  });

  it("a health nudge and a meetup invitation, without the message's words; 'handled' is not logged", async () => {
    const lead = await makeUser({ role: "lead", name: "Lea Lead" });
    const member = await makeUser();
    const act = (kind: "nudge" | "invite" | "handled") =>
      written(() =>
        recordHealthAction({
          lead,
          userId: member.id,
          kind,
          message: "Hi Ruben, we miss you",
          event: kind === "invite" ? { id: 77 } : null,
        }),
      );
    expect(act("nudge")).toEqual([
      { actorId: lead.id, action: "health.nudge", subject: `user:${member.id}`, detail: "" },
    ]);
    expect(act("invite")).toEqual([
      { actorId: lead.id, action: "health.invite", subject: `user:${member.id}`, detail: "event:77" },
    ]);
    expect(act("handled")).toEqual([]);
  });
});

describe("reading the log", () => {
  it("filters by action, actor (any case, with or without @), subject and community days, both ends included", async () => {
    const lead = await makeUser({ role: "lead", handle: "reader_lead" });
    const other = await makeUser({ role: "lead" });
    const at = (iso: string) => new Date(iso);
    writeTransaction((tx) => {
      // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
      recordAudit(tx, {
        actorId: lead.id,
        action: "user.suspend",
        subject: "user:900",
        at: at("2030-03-01T23:30:00Z"),
      });
      recordAudit(tx, { actorId: lead.id, action: "post.hide", subject: "post:901", at: at("2030-03-03T12:00:00Z") });
      recordAudit(tx, { actorId: other.id, action: "post.hide", subject: "post:902", at: at("2030-03-04T22:59:00Z") });
      recordAudit(tx, { actorId: other.id, action: "post.hide", subject: "post:903", at: at("2030-03-04T23:01:00Z") });
    });
    const subjects = (query: string) => {
      const parsed = parseAuditFilter(new URLSearchParams(query));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return allAudit(parsed.filter).map((e) => e.subject);
    };
    expect(subjects("from=2030-03-02&to=2030-03-04")).toEqual(["post:902", "post:901", "user:900"]);
    expect(subjects("from=2030-03-03&to=2030-03-05&action=post.hide")).toEqual(["post:903", "post:902", "post:901"]);
    expect(subjects("actor=@Reader_Lead&from=2030-03-01")).toEqual(["post:901", "user:900"]);
    expect(subjects("subject=post:902")).toEqual(["post:902"]);
    const page = listAudit({ from: at("2030-03-01T00:00:00Z") }, { page: 2, perPage: 3 });
    expect(page).toMatchObject({ hasNext: false, rows: [{ subject: "user:900" }] });
  });

  it("answers bad filters with the field and a message, not a crash", () => {
    const errors = (query: string) => {
      const parsed = parseAuditFilter(new URLSearchParams(query));
      return parsed.ok ? null : parsed.errors;
    };
    expect(errors("action=user.delete-everything")).toEqual({ action: "error.invalid" });
    expect(errors("subject=Ada Lovelace")).toEqual({ subject: "error.auditSubject" });
    expect(errors("from=2030-02-30")).toEqual({ from: "error.auditDate" });
    expect(errors("from=yesterday")).toEqual({ from: "error.auditDate" });
    expect(errors("from=2030-03-05&to=2030-03-01")).toEqual({ to: "error.auditDateRange" });
    expect(errors("actor=nobody_by_that_name")).toEqual({ actor: "error.unknownMember" });
    expect(errors("action=&actor=&subject=&from=&to=&page=2")).toBeNull();
  });

  it("shows rows written under the old names as the actions they are, and filters them with those", async () => {
    const admin = await makeUser({ role: "admin" });
    sqlite
      .prepare(
        "insert into audit_log (actor_id, action, subject, detail, created_at) values (?, 'role.lead', 'user:950', '', ?)",
      )
      .run(admin.id, Date.parse("2031-01-01T12:00:00Z"));
    const parsed = parseAuditFilter(new URLSearchParams("action=user.role&from=2031-01-01"));
    expect(parsed.ok && allAudit(parsed.filter)).toEqual([
      expect.objectContaining({ action: "user.role", subject: "user:950", detail: "→ lead" }),
    ]);
  });

  it("links the ids it names to the member, the post, the organisation and the meetup", async () => {
    const member = await makeUser({ handle: "linked_member" });
    const q = createQuestion({
      authorId: member.id,
      title: "Where do audit links point to?",
      body: "To the thing itself.",
      tags: ["audit"],
    });
    const answer = createAnswer({ authorId: member.id, questionId: q.id, body: "Right there." })!;
    const org = makeOrganisation({ slug: "linked-org" });
    const links = auditLinks([`user:${member.id}`, `post:${answer.id}`, `→ org:${org.id} partner`, "user:99999"]);
    expect(links).toEqual({
      [`user:${member.id}`]: "/members/linked_member",
      [`post:${answer.id}`]: `/questions/${q.id}#post-${answer.id}`,
      [`org:${org.id}`]: "/orgs/linked-org",
    });
  });
});
