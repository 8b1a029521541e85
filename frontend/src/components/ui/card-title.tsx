/** A card's title on one line: where it does not fit (a phone), it ends in "…" and the whole
 * text is its tooltip, instead of breaking mid-word or mid-parenthesis ("（第6 / 项）"). */
export function CardTitle({ text }: { text: string }) {
  return (
    <span title={text} style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}
