// Account forms: the browser and the action validate with the same schemas.
import { z } from "zod";
import { singleLineText } from "./text-input";

export const emailSchema = z
  .string({ error: "Enter your e-mail address" })
  .trim()
  .toLowerCase()
  .max(254, "An e-mail address has at most 254 characters")
  .pipe(z.email({ error: "Enter a valid e-mail address, like anna@example.com" }));

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const nameSchema = singleLineText({ max: 100, required: "Enter your name", tooLong: "A name has at most 100 characters" });

// Sign-up starts with the address alone; the mailed link leads to the name and password.
export const signUpSchema = z.object({
  email: emailSchema,
  redirectTo: z.string().max(2048).optional(),
});

export const finishSignUpSchema = z.object({
  name: nameSchema,
  password: passwordSchema,
});

export const passwordResetRequestSchema = z.object({ email: emailSchema });

export const newPasswordSchema = z.object({ password: passwordSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
  password: passwordSchema,
});

// A 6-digit code from an authenticator app, or a recovery code (xxxxx-xxxxx); spaces are ignored.
export const secondFactorSchema = z.object({
  code: z
    .string({ error: "Enter the code" })
    .transform((value) => value.replace(/\s+/g, "").toLowerCase())
    .pipe(z.string().regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/, "Enter the 6 digits from the app, or a recovery code")),
});

export const totpCodeSchema = z.object({
  code: z
    .string({ error: "Enter the code" })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6 digits from the app")),
});

export const disableTwoFactorSchema = secondFactorSchema.extend({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});
