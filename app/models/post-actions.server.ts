/**
 * The intents every post page shares (vote, comment, delete, restore), so articles and questions
 * enforce them in one place.
 */
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { SessionUser } from "~/utils/auth.server";
import { badRequest, isDocumentRequest, limitRefused, type FormErrors } from "~/utils/forms.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { canComment, canDeletePost, canDownvote, canFlag, canRestorePost, canUpvote } from "~/utils/permissions";
import type { sharedPostIntents } from "~/utils/post-schema";
import { withPostingLimits } from "./post-limits.server";
import { getPost, postUrl } from "./post-queries.server";
import { flagPost } from "./flag.server";
import { castVote } from "./post-votes.server";
import { createComment, setPostDeleted } from "./post.server";
import { forbidden, notFound } from "~/utils/http.server";

type SharedIntent = z.infer<(typeof sharedPostIntents)[number]>;

export function isSharedIntent(input: { intent: string }): input is SharedIntent {
  return ["vote", "comment", "delete", "restore", "flag"].includes(input.intent);
}

/** `rootId` is the article or question whose page posted the form: targets must belong to it. */
export function runSharedPostIntent(context: AppLoadContext, user: SessionUser, input: SharedIntent, rootId: number) {
  const post = getPost(input.postId);
  if (!post || !belongsTo(post, rootId)) throw notFound();
  switch (input.intent) {
    case "vote": {
      // Taking a vote back is always allowed; casting one takes the privilege.
      if (input.value === 1 && !canUpvote(user, post)) throw forbidden();
      if (input.value === -1 && !canDownvote(user, post)) throw forbidden();
      const result = castVote({ userId: user.id, postId: post.id, value: input.value });
      if (result.status === "own") throw forbidden();
      if (result.status === "missing") throw notFound();
      // Without JavaScript, back to the post (303: the browser follows with a GET, so a refresh
      // does not vote again); the fetcher of VoteButtons takes the new score as data instead.
      if (isDocumentRequest(context)) return redirect(`${postUrl(post).split("#")[0]}#post-${post.id}`, 303);
      return json({ ok: true as const, score: result.score, errors: {}, values: {} });
    }
    case "comment": {
      const root = post.id === rootId ? post : getPost(rootId)!;
      if (!canComment(user, { ...post, root })) throw forbidden();
      // What was typed goes back with any refusal, for that post's comment form (Comments) to show again.
      const values = { intent: "comment", postId: String(post.id), body: input.body };
      const posted = withPostingLimits({ userId: user.id, text: input.body }, (guard) =>
        createComment({ authorId: user.id, postId: post.id, body: input.body, guard, screen: true }),
      );
      if (!posted.ok) return limitRefused(posted.refusal, values);
      if (!posted.value) return badRequest({ form: "error.cannotComment" }, values);
      return redirect(postUrl(posted.value.comment));
    }
    case "delete": {
      if (!canDeletePost(user, post)) throw forbidden();
      setPostDeleted({ postId: post.id, deleted: true, actorId: user.id });
      return redirect(postUrl(post));
    }
    case "flag": {
      if (!canFlag(user, post)) throw forbidden();
      const values = { intent: "flag", postId: String(post.id), reason: input.reason, note: input.note };
      if (input.reason === "other" && !input.note) return badRequest({ note: "error.flagNote" }, values);
      flagPost({ postId: post.id, flaggerId: user.id, reason: input.reason, note: input.note });
      return redirect(`${postUrl(post).split("#")[0]}#post-${post.id}`, 303);
    }
    case "restore": {
      if (!canRestorePost(user, post)) throw forbidden();
      setPostDeleted({ postId: post.id, deleted: false, actorId: user.id });
      return redirect(postUrl(post));
    }
  }
}

function belongsTo(post: { id: number; parentId: number | null }, rootId: number): boolean {
  if (post.id === rootId) return true;
  if (!post.parentId) return false;
  const parent = getPost(post.parentId);
  return !!parent && belongsTo(parent, rootId);
}

/** The editor's Preview button: the form comes back with the rendered body, and nothing is saved. */
export function previewResponse<Extra extends object = object>(
  values: Record<string, FormDataEntryValue | null>,
  /** What one kind of post adds to its preview (the ask page's similar questions). */
  extra?: Extra,
) {
  return json({
    ok: false as const,
    errors: {} as FormErrors,
    values,
    previewHtml: renderMarkdown(String(values.body ?? "")),
    ...(extra as Extra),
  });
}
