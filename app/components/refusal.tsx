// Why something was refused, with the rule violations behind it (moves, approvals, submits).
type Props = { message: string; violations: readonly { message: string }[] };

export function Refusal({ message, violations }: Props) {
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {violations.length ? (
        <ul>
          {violations.map((v, i) => (
            <li key={i}>{v.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
