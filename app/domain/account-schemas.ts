// Sign-up and sign-in forms: the browser and the action validate with the same schemas.
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

export const signUpSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  redirectTo: z.string().optional(),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});
