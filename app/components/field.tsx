// A labelled form control with its error right below it, wired for screen readers.
import type { ReactNode } from "react";

type FieldProps = {
  label: string;
  errors?: string[];
  errorId: string;
  children: ReactNode;
};

export function Field({ label, errors, errorId, children }: FieldProps) {
  return (
    <label>
      {label}
      {children}
      {errors?.length ? (
        <p className="field-error" id={errorId} role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </label>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id: string }) {
  return errors?.length ? (
    <p className="form-error" id={id} role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}
