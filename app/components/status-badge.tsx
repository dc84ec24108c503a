/** A status word in a small coloured pill; `colors` are the Tailwind background and text classes of that status. */
export function StatusBadge({ colors, children }: { colors: string; children: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${colors}`}>{children}</span>;
}
