import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { Field, FormError, TextAreaField } from "./Field";
import { PostBody } from "./Post";

type Values = { title?: string; summary?: string; body?: string; tags?: string };

/**
 * The one editor for articles, questions and answers. "Preview" posts the form back (works without
 * JavaScript); with JavaScript the preview also follows typing, rendered by the same server function.
 */
export function PostEditor({
  fields,
  values,
  errors,
  errorVars,
  previewHtml,
  submitLabel,
  bodyRows = 14,
  intent = "publish",
  extra,
  afterTitle,
  onTitleChange,
}: {
  fields: { title?: boolean; summary?: boolean; tags?: boolean };
  values: Values;
  errors: FormErrors;
  /** Placeholders of the form's error (a posting limit's numbers). */
  errorVars?: Record<string, number>;
  previewHtml?: string;
  submitLabel: string;
  bodyRows?: number;
  /** The submit button's intent, for pages with several forms (an answer on a question page). */
  intent?: string;
  /** Fields of one kind of post, after the tags (an idea's organisation). */
  extra?: ReactNode;
  /** Shown under the title (the ask page's similar questions), and told of every change to the title. */
  afterTitle?: ReactNode;
  onTitleChange?: (title: string) => void;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [body, setBody] = useState(values.body ?? "");
  const live = useLivePreview(body);
  const html = live ?? previewHtml;
  return (
    <Form method="post" className="stack editor" noValidate>
      <FormError error={errors.form} vars={errorVars} />
      {fields.title ? (
        <Field
          name="title"
          label={t("field.title")}
          required
          defaultValue={values.title}
          error={errors.title}
          maxLength={150}
          onChange={onTitleChange ? (e) => onTitleChange(e.target.value) : undefined}
        />
      ) : null}
      {afterTitle}
      {fields.summary ? (
        <TextAreaField
          name="summary"
          label={t("field.summary")}
          rows={2}
          defaultValue={values.summary}
          error={errors.summary}
          maxLength={300}
        />
      ) : null}
      <TextAreaField
        name="body"
        label={t("field.body")}
        hint={t("field.bodyHint")}
        rows={bodyRows}
        required
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body}
      />
      {fields.tags ? (
        <Field
          name="tags"
          label={t("field.tags")}
          hint={t("field.tagsHint")}
          required
          defaultValue={values.tags}
          error={errors.tags}
        />
      ) : null}
      {extra}
      <div className="button-row">
        <button type="submit" name="intent" value={intent} disabled={busy}>
          {submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
          {t("editor.preview")}
        </button>
      </div>
      {html !== undefined ? (
        <section className="preview" aria-label={t("editor.preview")}>
          <h2 className="small muted">{t("editor.preview")}</h2>
          <PostBody html={html} />
        </section>
      ) : null}
    </Form>
  );
}

function useLivePreview(body: string) {
  const fetcher = useFetcher<{ html: string }>();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => fetcher.submit({ body }, { method: "post", action: "/preview" }), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body]);
  return fetcher.data?.html;
}
