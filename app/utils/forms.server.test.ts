import { describe, expect, it } from "vitest";
import { badRequest, tooManyRequests, withoutPasswords } from "./forms.server";

describe("form answers", () => {
  it("give the typed values back, never a password", async () => {
    const typed = {
      email: "a@example.test",
      password: "secret-1",
      newPassword: "secret-2",
      confirmPassword: "secret-2",
    };
    expect(withoutPasswords(typed)).toEqual({ email: "a@example.test" });
    const refused = await badRequest({ email: "error.emailInvalid" }, typed).json();
    expect(refused.values).toEqual({ email: "a@example.test" });
    const throttled = await tooManyRequests("error.tooManyAttempts", 90, typed).json();
    expect(throttled).toMatchObject({ values: { email: "a@example.test" }, retryInMinutes: 2 });
  });
});
