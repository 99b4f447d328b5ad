import { Form } from "@remix-run/react";
import { Avatar } from "~/components/Avatar";
import { Field } from "~/components/Field";
import { PHOTO_MAX_BYTES, PHOTO_TYPES, photoUrl } from "~/utils/avatar";
import { useT, type MessageKey } from "~/utils/i18n";

/** /settings: upload or remove the profile photo (docs/media.md); without one, the initials show. */
export function PhotoSection({
  name,
  handle,
  avatarFile,
  error,
  saved,
  busy,
}: {
  name: string;
  handle: string;
  avatarFile: string | null;
  error?: MessageKey;
  saved?: "photo" | "photo-remove";
  busy: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2 id="profile-photo">{t("settings.photo")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t(saved === "photo" ? "settings.photoSaved" : "settings.photoRemoved")}
        </p>
      ) : null}
      <div className="photo-settings">
        <Avatar name={name} size={96} photo={photoUrl(handle, avatarFile, 256)} />
        <div className="stack">
          <Form
            method="post"
            encType="multipart/form-data"
            className="stack"
            noValidate
            aria-labelledby="profile-photo"
          >
            <input type="hidden" name="intent" value="photo" />
            <Field
              name="photo"
              type="file"
              accept={PHOTO_TYPES}
              label={t("settings.photoFile")}
              hint={t("settings.photoHint", { mb: PHOTO_MAX_BYTES / 1024 / 1024 })}
              error={error}
            />
            <button type="submit" disabled={busy}>
              {t("settings.photoUpload")}
            </button>
          </Form>
          {avatarFile ? (
            <Form method="post">
              <input type="hidden" name="intent" value="photo-remove" />
              <button type="submit" className="secondary" disabled={busy}>
                {t("settings.photoRemove")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}
