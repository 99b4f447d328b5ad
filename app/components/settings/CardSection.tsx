import { useT } from "~/utils/i18n";

/** /settings: the member's embeddable expert card and the codes to paste (docs/media.md). */
export function CardSection({ preview, html, image }: { preview: string; html: string; image: string }) {
  const t = useT();
  return (
    <>
      <h2 id="card">{t("card.title")}</h2>
      <p className="muted">{t("card.help")}</p>
      <img className="card-preview" src={preview} alt={t("card.preview")} width={420} height={132} />
      <div className="field">
        <label htmlFor="card-html">{t("card.htmlCode")}</label>
        <textarea id="card-html" readOnly rows={3} value={html} />
      </div>
      <div className="field">
        <label htmlFor="card-image">{t("card.imageCode")}</label>
        <textarea id="card-image" readOnly rows={3} value={image} />
      </div>
    </>
  );
}
