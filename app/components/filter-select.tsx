// One filter of a calendar: a labelled choice whose first option is "any".
export function FilterSelect({ label, name, value, any, options }: { label: string; name: string; value: string | null | undefined; any: string; options: readonly { value: string; label: string }[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
