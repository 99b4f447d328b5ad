import { linkedInShareUrl, mailShareUrl } from "~/utils/share";
import { useT } from "~/utils/i18n";

/** Share a profile, article or answer: LinkedIn's share dialog and an e-mail, as plain links. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const t = useT();
  return (
    <p className="share-links small">
      <span className="muted">{t("share.label")}</span>{" "}
      <a
        href={linkedInShareUrl(url)}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t("share.linkedInNamed", { title })}
      >
        {t("share.linkedIn")}
      </a>{" "}
      ·{" "}
      <a href={mailShareUrl(title, url)} aria-label={t("share.emailNamed", { title })}>
        {t("share.email")}
      </a>
    </p>
  );
}
