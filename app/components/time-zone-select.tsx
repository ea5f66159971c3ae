import type { InputHTMLAttributes } from "react";

type Props = { zones: string[] } & Pick<InputHTMLAttributes<HTMLSelectElement>, "id" | "name" | "defaultValue" | "aria-invalid" | "aria-describedby">;

export function TimeZoneSelect({ zones, ...props }: Props) {
  return (
    <select {...props}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, " ")}
        </option>
      ))}
    </select>
  );
}
