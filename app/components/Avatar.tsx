/** Up to two capital initials and a hue derived from the name: the same face everywhere. */
export function avatarLook(name: string) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0])
    .filter((c) => c === c.toUpperCase())
    .slice(0, 2)
    .join("");
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { initials, hue: hash % 360 };
}

/**
 * The member's photo when they uploaded one (docs/media.md), else initials on a colour derived from the
 * name, so every member has a recognisable face by default.
 */
export function Avatar({ name, size = 40, photo }: { name: string; size?: number; photo?: string | null }) {
  if (photo) return <img className="avatar" src={photo} width={size} height={size} alt="" />;
  const { initials, hue } = avatarLook(name);
  return (
    <svg className="avatar" width={size} height={size} viewBox="0 0 40 40" role="img" aria-hidden="true">
      <circle cx="20" cy="20" r="20" fill={`hsl(${hue} 45% 45%)`} />
      <text x="20" y="25" textAnchor="middle" fontSize="15" fill="#fff" fontFamily="system-ui, sans-serif">
        {initials}
      </text>
    </svg>
  );
}
