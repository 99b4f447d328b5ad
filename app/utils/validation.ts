import { z } from "zod";

/** Field rules shared by every form that asks for them; messages are translation keys. */
export const nameField = z.string().trim().min(2, "error.nameLength").max(80, "error.nameLength");
export const handleField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,30}$/, "error.handleFormat");
export const emailField = z.string().trim().max(254, "error.emailInvalid").email("error.emailInvalid");
export const newPasswordField = z.string().min(10, "error.passwordTooShort").max(200, "error.passwordTooLong");
export const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").default("");
